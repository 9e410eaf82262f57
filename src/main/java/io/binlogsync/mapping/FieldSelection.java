package io.binlogsync.mapping;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import io.binlogsync.config.FieldsConfig;
import io.binlogsync.event.TableColumns;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which columns become which document fields, and how each value is written: include (empty: all), exclude,
 * rename, convert. Resolved against a {@link TableColumns} into a plan; the last plan is kept, since consecutive
 * rows share their columns. Safe to share between threads.
 */
final class FieldSelection {
    private final List<String> include;
    private final Set<String> exclude;
    private final Map<String, String> rename;
    private final Map<String, FieldWriter> converted = new HashMap<>();
    /** The last plan and the layout it is for, replaced together: mappers of several threads share a selection. */
    private volatile Planned planned;

    private record Planned(TableColumns columns, Plan plan) {
    }

    /**
     * Column positions, the field name each becomes, that name encoded once (null where the encoding would differ
     * from the generator's own: a name outside the BMP, whose surrogates the generator escapes) and the writer of
     * its value, in table order.
     */
    record Plan(int[] columnIndexes, String[] fieldNames, SerializableString[] encodedNames, FieldWriter[] writers) {
    }

    /** @param mappingPath the mapping's config path, e.g. {@code mappings[0]}, for errors about values */
    FieldSelection(String mappingPath, FieldsConfig fields) {
        this.include = List.copyOf(fields.include());
        this.exclude = Set.copyOf(fields.exclude());
        this.rename = Map.copyOf(fields.rename());
        fields.convert().forEach((column, conversion) -> converted.put(column,
                FieldConversions.writer(conversion, new ConversionSite(mappingPath, column))));
    }

    /** Whether {@code column} becomes a field. */
    boolean includes(String column) {
        return (include.isEmpty() || include.contains(column)) && !exclude.contains(column);
    }

    Plan planFor(TableColumns columns) {
        Planned last = planned;
        if (last == null || last.columns() != columns) {
            last = new Planned(columns, compute(columns));
            planned = last;
        }
        return last.plan();
    }

    private Plan compute(TableColumns columns) {
        List<Integer> indexes = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<FieldWriter> writers = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            String column = columns.names().get(i);
            if (includes(column)) {
                indexes.add(i);
                names.add(rename.getOrDefault(column, column));
                writers.add(converted.getOrDefault(column, FieldWriter.AS_IS));
            }
        }
        return new Plan(indexes.stream().mapToInt(Integer::intValue).toArray(), names.toArray(String[]::new),
                names.stream().map(FieldSelection::encoded).toArray(SerializableString[]::new),
                writers.toArray(FieldWriter[]::new));
    }

    private static SerializableString encoded(String name) {
        return name.chars().anyMatch(c -> Character.isSurrogate((char) c)) ? null : new SerializedString(name);
    }
}
