package io.binlogsync.bench;

import java.util.ArrayList;
import java.util.List;

/** The one table the benchmark prints: a row a figure, each with its median, min and max over the counted runs. */
final class ResultTable {
    private record Row(String measure, String unit, Spread spread, String note) {
    }

    /** A goal of issue 14: a bound a figure must reach ({@code atLeast}) or stay within. */
    record Target(boolean atLeast, double bound) {
        static Target atLeast(double bound) {
            return new Target(true, bound);
        }

        static Target atMost(double bound) {
            return new Target(false, bound);
        }

        boolean metBy(double value) {
            return atLeast ? value >= bound : value <= bound;
        }

        @Override
        public String toString() {
            return (atLeast ? ">= " : "<= ") + format(bound);
        }
    }

    private final List<Row> rows = new ArrayList<>();

    void add(String measure, String unit, Spread spread, String note) {
        rows.add(new Row(measure, unit, spread, note));
    }

    /**
     * A goal row, judged on the median (a figure over runs) or, with {@code everyValue}, on the worst value (a
     * figure over the cells of the scaling grid); its note says the target and "met" or "NOT met".
     */
    void addGoal(String measure, String unit, Spread spread, Target target, boolean everyValue, String note) {
        double judged = everyValue ? (target.atLeast() ? spread.min() : spread.max()) : spread.median();
        add(measure, unit, spread, "target " + target + (everyValue ? " in every cell" : "") + ": "
                + (target.metBy(judged) ? "met" : "NOT met") + (note.isEmpty() ? "" : "; " + note));
    }

    String render() {
        StringBuilder text = new StringBuilder(String.format("%-64s %-9s %10s %10s %10s  %s%n", "measure", "unit",
                "median", "min", "max", "note"));
        for (Row row : rows) {
            text.append(String.format("%-64s %-9s %10s %10s %10s  %s%n", row.measure, row.unit,
                    format(row.spread.median()), format(row.spread.min()), format(row.spread.max()), row.note));
        }
        return text.toString();
    }

    static String format(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return Math.abs(value) >= 100 ? String.format("%,.0f", value) : String.format("%.2f", value);
    }
}
