package io.binlogsync.runtime.metrics;

import java.util.List;

/** Reads samples out of the Prometheus text format, enough for {@code status} and the tests. */
public final class PrometheusText {
    private PrometheusText() {
    }

    /**
     * The sum of the samples named {@code name} whose label text contains every one of {@code labels} (each written
     * as in the text: {@code table="db.items"}); NaN when there is none.
     */
    public static double sum(String scrape, String name, String... labels) {
        double sum = 0;
        boolean found = false;
        for (String line : scrape.lines().toList()) {
            if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) {
                continue;
            }
            int open = line.indexOf('{');
            String labelText = open == name.length() ? line.substring(open, line.lastIndexOf('}') + 1) : "";
            if (List.of(labels).stream().allMatch(labelText::contains)) {
                String value = line.substring(line.lastIndexOf(' ') + 1);
                sum += value.endsWith("Inf") ? (value.startsWith("-") ? Double.NEGATIVE_INFINITY
                        : Double.POSITIVE_INFINITY) : Double.parseDouble(value);
                found = true;
            }
        }
        return found ? sum : Double.NaN;
    }
}
