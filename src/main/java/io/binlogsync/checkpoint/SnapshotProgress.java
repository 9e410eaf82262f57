package io.binlogsync.checkpoint;

import io.binlogsync.event.BinlogPosition;
import io.binlogsync.event.TableId;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How far an initial snapshot got: where streaming starts once it is done (the position of its first chunk), and
 * per table the key of the last row copied and acknowledged, so an interrupted snapshot resumes there.
 */
public record SnapshotProgress(BinlogPosition streamFrom, Optional<String> gtid, StreamOrigin origin,
                               Map<TableId, TableProgress> tables) {

    public SnapshotProgress {
        Objects.requireNonNull(streamFrom, "streamFrom");
        Objects.requireNonNull(gtid, "gtid");
        Objects.requireNonNull(origin, "origin");
        tables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tables));
    }

    /** One table's copy: finished, or copied up to the row whose key columns read {@code afterKey} (as text). */
    public record TableProgress(boolean done, List<String> afterKey, long rows) {
        public TableProgress {
            afterKey = List.copyOf(afterKey);
        }

        public static final TableProgress NOT_STARTED = new TableProgress(false, List.of(), 0);
    }

    public TableProgress of(TableId table) {
        return tables.getOrDefault(table, TableProgress.NOT_STARTED);
    }

    public SnapshotProgress with(TableId table, TableProgress progress) {
        Map<TableId, TableProgress> next = new LinkedHashMap<>(tables);
        next.put(table, progress);
        return new SnapshotProgress(streamFrom, gtid, origin, next);
    }
}
