package io.binlogsync.event;

import java.util.List;

/**
 * A DDL statement (a QUERY event other than BEGIN/COMMIT) run in {@code database}, the session's current schema.
 * {@code kind} and {@code tables} say what it does to which tables, as far as the statement text tells
 * ({@link DdlKind#OTHER} and no tables when it does not). {@code version} is its {@link io.binlogsync.version.VersionScheme} version,
 * which what it deletes (TRUNCATE, DROP) is written with.
 */
public record SchemaChanged(String database, String sql, BinlogPosition position, long version, DdlKind kind,
                            List<TableId> tables)
        implements ChangeEvent {

    public SchemaChanged {
        tables = List.copyOf(tables);
    }

    /** The statement, shortened for a log line. */
    public String abbreviated() {
        return sql.length() > 200 ? sql.substring(0, 200) + "..." : sql;
    }
}
