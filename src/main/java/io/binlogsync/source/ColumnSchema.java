package io.binlogsync.source;

import java.util.List;

/**
 * A column as information_schema describes it: name, data type ({@code int}, {@code varchar}, ...), whether it is
 * unsigned, its character set ({@code null} for non-text columns) and, for ENUM and SET, its labels in order.
 */
public record ColumnSchema(String name, String dataType, boolean unsigned, String charset, List<String> labels) {

    public ColumnSchema {
        labels = List.copyOf(labels);
    }
}
