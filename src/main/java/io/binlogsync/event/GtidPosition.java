package io.binlogsync.event;

import java.util.Objects;
import java.util.Optional;

/** A binlog position and the server's GTID state there, when it has one. */
public record GtidPosition(BinlogPosition position, Optional<String> gtid) {

    public GtidPosition {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(gtid, "gtid");
    }
}
