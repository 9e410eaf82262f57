package io.binlogsync.source.jdbc;

import java.util.List;

/**
 * A column as information_schema describes it: name, data type ({@code int}, {@code varchar}, ...), whether it is
 * unsigned, its character set ({@code null} for non-text columns), for ENUM and SET its labels in order, and
 * whether it holds JSON (MySQL's type, or MariaDB's text with a json_valid check).
 */
public record ColumnSchema(String name, String dataType, boolean unsigned, String charset, List<String> labels,
                           boolean json) {

    public ColumnSchema {
        labels = List.copyOf(labels);
    }
}
