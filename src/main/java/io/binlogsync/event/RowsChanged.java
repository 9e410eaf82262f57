package io.binlogsync.event;

import java.util.List;

/**
 * The rows of one binlog rows event. {@code position} is where that event starts; row {@code i} of it is
 * identified by {@code position.offset() + i}, which stays below the next event's offset because every row takes
 * at least one byte of the event.
 */
public record RowsChanged(RowChangeKind kind, TableId table, BinlogPosition position, List<RowChange> rows)
        implements ChangeEvent {

    public RowsChanged {
        rows = List.copyOf(rows);
    }
}
