package io.binlogsync.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which columns become document fields, and under which names.
 *
 * @param include the columns to copy; empty means all columns
 * @param exclude the columns never to copy
 * @param rename  column name to field name
 */
public record FieldsConfig(List<String> include, List<String> exclude, Map<String, String> rename) {

    public FieldsConfig {
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
        rename = Collections.unmodifiableMap(new LinkedHashMap<>(rename));
    }

    /** Copies every column under its own name. */
    public static FieldsConfig allColumns() {
        return new FieldsConfig(List.of(), List.of(), Map.of());
    }
}
