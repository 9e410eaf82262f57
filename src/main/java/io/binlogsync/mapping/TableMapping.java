package io.binlogsync.mapping;

import io.binlogsync.event.RowImage;
import io.binlogsync.event.TableColumns;
import io.binlogsync.event.TableId;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * One configured mapping, checked against the table: the target index, the columns that make the document id,
 * the field selection and the cache key templates. {@code path} is the config path, for messages.
 */
public final class TableMapping {
    private static final int MAX_ID_BYTES = 512;

    private final String path;
    private final TableId table;
    private final String index;
    private final ColumnIndexes idColumns;
    private final FieldSelection fields;
    private final List<KeyTemplate> invalidate;
    private final ShardIds shardIds;
    private final RowFilter filter;

    public TableMapping(String path, TableId table, String index, List<String> idColumns, FieldSelection fields,
                        List<KeyTemplate> invalidate) {
        this(path, table, index, idColumns, fields, invalidate, ShardIds.NONE, RowFilter.ALL_ROWS);
    }

    /**
     * @param shardIds what an id template puts around the key's id (sharded tables sharing an index)
     * @param filter   the rows the mapping keeps
     */
    public TableMapping(String path, TableId table, String index, List<String> idColumns, FieldSelection fields,
                        List<KeyTemplate> invalidate, ShardIds shardIds, RowFilter filter) {
        this.path = Objects.requireNonNull(path, "path");
        this.table = Objects.requireNonNull(table, "table");
        this.index = Objects.requireNonNull(index, "index");
        this.idColumns = new ColumnIndexes(idColumns);
        this.fields = Objects.requireNonNull(fields, "fields");
        this.invalidate = List.copyOf(invalidate);
        this.shardIds = Objects.requireNonNull(shardIds, "shardIds");
        this.filter = Objects.requireNonNull(filter, "filter");
    }

    public String path() {
        return path;
    }

    public TableId table() {
        return table;
    }

    public String index() {
        return index;
    }

    public List<String> idColumns() {
        return idColumns.names();
    }

    /**
     * Whether its documents depend on {@code column}'s values: a field it writes, an id column or a column its filter
     * tests (so a change of that column's values that has no row events leaves them stale).
     */
    public boolean carries(String column) {
        return fields.includes(column) || idColumns.names().contains(column) || filter.tests(column);
    }

    public FieldSelection fields() {
        return fields;
    }

    public List<KeyTemplate> invalidate() {
        return invalidate;
    }

    /** The rows this mapping keeps; a row outside it has no document and no cache keys of this mapping. */
    /** This mapping writing into {@code otherIndex} instead (a rebuild's new index), all else the same. */
    public TableMapping into(String otherIndex) {
        return new TableMapping(path, table, otherIndex, idColumns.names(), fields, invalidate, shardIds, filter);
    }

    public RowFilter filter() {
        return filter;
    }

    /**
     * The document id: the key's value, or for a composite key the values joined with ':' (a ':' or '\' inside a
     * value is escaped with '\', so distinct keys never share an id).
     */
    public String documentId(RowImage row) {
        String id;
        int[] indexes = idColumns.in(row.columns());
        if (indexes.length == 1) {
            id = idPart(row, indexes[0]);
        } else {
            StringBuilder joined = new StringBuilder();
            for (int i = 0; i < indexes.length; i++) {
                // the separator goes by position, not by what came before: ("", "a") is ":a", not "a"
                if (i > 0) {
                    joined.append(':');
                }
                joined.append(idPart(row, indexes[i]).replace("\\", "\\\\").replace(":", "\\:"));
            }
            id = joined.toString();
        }
        id = shardIds.apply(id);
        // a char is at most 3 UTF-8 bytes (a surrogate pair, two chars, is 4): short ids need no encoding
        if (id.length() * 3 > MAX_ID_BYTES && id.getBytes(StandardCharsets.UTF_8).length > MAX_ID_BYTES) {
            throw new IllegalArgumentException(path + ": the document id of a row of " + table + " is longer than"
                    + " Elasticsearch's 512 bytes (" + id.substring(0, 40) + "...); choose shorter id columns");
        }
        return id;
    }

    /** The part of a document id the key made (without an id template's text); null when this mapping cannot make it. */
    public String keyIdOf(String documentId) {
        return shardIds.keyPart(documentId);
    }

    /** Whether two images of one layout have the same document id, known without making either. */
    boolean sameId(RowImage a, RowImage b) {
        return idColumns.sameValues(a, b);
    }

    /**
     * What this mapping needs that a table with these columns lacks, each as "what uses it: column"; empty when
     * the mapping fits. A DDL can make a mapping that fitted at start stop fitting.
     */
    public List<String> missingColumns(TableColumns columns) {
        List<String> missing = new java.util.ArrayList<>();
        for (String column : idColumns.names()) {
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
        missing.addAll(filter.missingColumns(columns));
        return missing;
    }

    private String idPart(RowImage row, int column) {
        Object value = row.get(column);
        if (value == null) {
            throw new IllegalArgumentException(path + ": id column " + row.columns().names().get(column) + " of "
                    + table + " is NULL in row "
                    + row + "; choose id columns that are never NULL");
        }
        return ValueText.of(value);
    }

    @Override
    public String toString() {
        return path + " (" + table + " -> " + index + ")";
    }
}
