package io.binlogsync.mapping;

import io.binlogsync.event.RowImage;
import io.binlogsync.event.TableColumns;
import io.binlogsync.event.TableId;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One configured mapping, checked against the table: the target index, the columns that make the document id,
 * the field selection and the cache key templates. {@code path} is the config path, for messages.
 */
public record TableMapping(String path, TableId table, String index, List<String> idColumns, FieldSelection fields,
                           List<KeyTemplate> invalidate) {
    private static final int MAX_ID_BYTES = 512;

    public TableMapping {
        idColumns = List.copyOf(idColumns);
        invalidate = List.copyOf(invalidate);
    }

    /**
     * The document id: the key's value, or for a composite key the values joined with ':' (a ':' or '\' inside a
     * value is escaped with '\', so distinct keys never share an id).
     */
    public String documentId(RowImage row) {
        String id;
        if (idColumns.size() == 1) {
            id = idPart(row, idColumns.get(0));
        } else {
            StringBuilder joined = new StringBuilder();
            for (int i = 0; i < idColumns.size(); i++) {
                // the separator goes by position, not by what came before: ("", "a") is ":a", not "a"
                if (i > 0) {
                    joined.append(':');
                }
                joined.append(idPart(row, idColumns.get(i)).replace("\\", "\\\\").replace(":", "\\:"));
            }
            id = joined.toString();
        }
        if (id.getBytes(StandardCharsets.UTF_8).length > MAX_ID_BYTES) {
            throw new IllegalArgumentException(path + ": the document id of a row of " + table + " is longer than"
                    + " Elasticsearch's 512 bytes (" + id.substring(0, 40) + "...); choose shorter id columns");
        }
        return id;
    }

    /**
     * What this mapping needs that a table with these columns lacks, each as "what uses it: column"; empty when
     * the mapping fits. A DDL can make a mapping that fitted at start stop fitting.
     */
    public List<String> missingColumns(TableColumns columns) {
        List<String> missing = new java.util.ArrayList<>();
        for (String column : idColumns) {
            if (!columns.contains(column)) {
                missing.add("id column '" + column + "'");
            }
        }
        for (int i = 0; i < invalidate.size(); i++) {
            for (String column : invalidate.get(i).columns()) {
                if (!columns.contains(column)) {
                    missing.add("redis.invalidate[" + i + "] '" + invalidate.get(i) + "' column '" + column + "'");
                }
            }
        }
        return missing;
    }

    private String idPart(RowImage row, String column) {
        Object value = row.get(column);
        if (value == null) {
            throw new IllegalArgumentException(path + ": id column " + column + " of " + table + " is NULL in row "
                    + row + "; choose id columns that are never NULL");
        }
        return ValueText.of(value);
    }
}
