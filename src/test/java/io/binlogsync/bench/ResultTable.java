package io.binlogsync.bench;

import java.util.ArrayList;
import java.util.List;

/** The one table the benchmark prints: a row a figure, each with its median, min and max over the counted runs. */
final class ResultTable {
    private record Row(String measure, String unit, Spread spread, String note) {
    }

    private final List<Row> rows = new ArrayList<>();

    void add(String measure, String unit, Spread spread, String note) {
        rows.add(new Row(measure, unit, spread, note));
    }

    String render() {
        StringBuilder text = new StringBuilder(String.format("%-58s %-9s %10s %10s %10s  %s%n", "measure", "unit",
                "median", "min", "max", "note"));
        for (Row row : rows) {
            text.append(String.format("%-58s %-9s %10s %10s %10s  %s%n", row.measure, row.unit,
                    format(row.spread.median()), format(row.spread.min()), format(row.spread.max()), row.note));
        }
        return text.toString();
    }

    private static String format(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return Math.abs(value) >= 100 ? String.format("%,.0f", value) : String.format("%.2f", value);
    }
}
