package io.binlogsync.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** One figure measured over several runs: median, min and max. */
record Spread(List<Double> values) {
    Spread {
        values = List.copyOf(values);
    }

    double median() {
        List<Double> sorted = sorted();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    double min() {
        return sorted().get(0);
    }

    double max() {
        return sorted().get(values.size() - 1);
    }

    /** Run i of this divided by run i of {@code other}. */
    Spread dividedBy(Spread other) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(values.size(), other.values.size()); i++) {
            ratios.add(values.get(i) / other.values.get(i));
        }
        return new Spread(ratios);
    }

    private List<Double> sorted() {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted;
    }
}
