package io.binlogsync.checkpoint;

import io.binlogsync.event.BinlogPosition;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where to resume: the position right after the last transaction whose changes every sink acknowledged, its GTID
 * state where the server has one, whose binlog that is (absent in state files of older versions), and when it was
 * saved.
 */
public record Checkpoint(BinlogPosition position, Optional<String> gtid, Optional<StreamOrigin> origin,
                         Instant savedAt) {

    public Checkpoint {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(gtid, "gtid");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(savedAt, "savedAt");
    }

    public Checkpoint(BinlogPosition position, Optional<String> gtid, Instant savedAt) {
        this(position, gtid, Optional.empty(), savedAt);
    }
}
