package io.binlogsync.event;

import java.util.List;

/**
 * The rows of one binlog rows event. {@code position} is where that event starts. {@code version} is the
 * {@link io.binlogsync.version.VersionScheme} version of its first row; row {@code i} has {@code version + i}.
 */
public record RowsChanged(RowChangeKind kind, TableId table, BinlogPosition position, long version,
                          List<RowChange> rows)
        implements ChangeEvent {

    public RowsChanged {
        rows = List.copyOf(rows);
    }
}
