package io.binlogsync.source.binlog;

import io.binlogsync.event.BinlogPosition;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a stream starts: a transaction boundary of server {@code serverId}'s binlog and the GTID state there.
 * With {@code byGtid} the dump is asked for by GTID state, so any server holding those transactions can serve it.
 */
public record StreamStart(BinlogPosition position, Optional<String> gtid, boolean byGtid, long serverId) {

    public StreamStart {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(gtid, "gtid");
        if (byGtid && gtid.isEmpty()) {
            throw new IllegalArgumentException("a start by GTID needs a GTID state");
        }
    }
}
