package io.binlogsync.event;

/** A DDL statement (QUERY event other than BEGIN/COMMIT) in {@code database}, the current schema when it ran. */
public record SchemaChanged(String database, String sql, BinlogPosition position) implements ChangeEvent {
}
