package io.binlogsync.checkpoint;

import io.binlogsync.event.BinlogPosition;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where to resume: the position right after the last transaction whose changes every sink acknowledged, its GTID
 * where the server has one, and when it was saved.
 */
public record Checkpoint(BinlogPosition position, Optional<String> gtid, Instant savedAt) {

    public Checkpoint {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(gtid, "gtid");
        Objects.requireNonNull(savedAt, "savedAt");
    }
}
