package io.binlogsync.source.jdbc;

import io.binlogsync.event.TableColumns;
import io.binlogsync.event.TableId;

import java.util.List;
import java.util.Optional;

/**
 * A table as information_schema describes it now: columns in ordinal order, and the columns that identify a row:
 * the primary key's or, without one, the first UNIQUE key over NOT NULL columns (as InnoDB picks its clustered
 * index); empty when the table has neither.
 */
public record TableSchema(TableId table, List<ColumnSchema> columns, List<String> primaryKey) {

    public TableSchema {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
    }

    /** The column names and key, as mappings are checked against them. */
    public TableColumns tableColumns() {
        return new TableColumns(columnNames(), primaryKey);
    }

    /**
     * @throws IllegalArgumentException naming the table, column and type of the first column whose type
     *                                  binlog-sync does not know
     */
    public void requireKnownTypes() {
        columns.forEach(column -> CellReading.of(table, column));
    }

    public List<String> columnNames() {
        return columns.stream().map(ColumnSchema::name).toList();
    }

    public Optional<ColumnSchema> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
