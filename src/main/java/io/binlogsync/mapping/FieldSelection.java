package io.binlogsync.mapping;

import io.binlogsync.event.TableColumns;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which columns become which document fields: include (empty: all), exclude, rename. Resolved against a
 * {@link TableColumns} into a plan; the last plan is kept, since consecutive rows share their columns.
 */
final class FieldSelection {
    private final List<String> include;
    private final Set<String> exclude;
    private final Map<String, String> rename;
    private TableColumns plannedFor;
    private Plan plan;

    /** Column positions and the field name each becomes, in table order. */
    record Plan(int[] columnIndexes, String[] fieldNames) {
    }

    FieldSelection(List<String> include, List<String> exclude, Map<String, String> rename) {
        this.include = List.copyOf(include);
        this.exclude = Set.copyOf(exclude);
        this.rename = Map.copyOf(rename);
    }

    Plan planFor(TableColumns columns) {
        if (columns != plannedFor) {
            plan = compute(columns);
            plannedFor = columns;
        }
        return plan;
    }

    private Plan compute(TableColumns columns) {
        List<Integer> indexes = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            String column = columns.names().get(i);
            if ((include.isEmpty() || include.contains(column)) && !exclude.contains(column)) {
                indexes.add(i);
                names.add(rename.getOrDefault(column, column));
            }
        }
        return new Plan(indexes.stream().mapToInt(Integer::intValue).toArray(), names.toArray(String[]::new));
    }
}
