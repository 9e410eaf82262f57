package io.binlogsync.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which columns become document fields, under which names, and how their values are converted.
 *
 * @param include the columns to copy; empty means all columns
 * @param exclude the columns never to copy
 * @param rename  column name to field name
 * @param convert column name (before any rename) to the conversion of its value in the document
 */
public record FieldsConfig(List<String> include, List<String> exclude, Map<String, String> rename,
                           Map<String, FieldConversion> convert) {

    public FieldsConfig {
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
        rename = Collections.unmodifiableMap(new LinkedHashMap<>(rename));
        convert = Collections.unmodifiableMap(new LinkedHashMap<>(convert));
    }

    /** Copies every column under its own name, as it is. */
    public static FieldsConfig allColumns() {
        return new FieldsConfig(List.of(), List.of(), Map.of(), Map.of());
    }
}
