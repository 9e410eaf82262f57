package io.binlogsync.source;

import io.binlogsync.event.BinlogPosition;

import java.util.Objects;
import java.util.Optional;

/** A binlog position and the server's GTID state there, when it has one. */
public record GtidPosition(BinlogPosition position, Optional<String> gtid) {

    public GtidPosition {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(gtid, "gtid");
    }
}
