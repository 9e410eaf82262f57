package io.binlogsync.config;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code snapshot { ... }}: whether a first start copies the mapped tables' existing rows before streaming, and
 * how many rows a chunk reads (also the chunk size of {@code resync}).
 */
public record SnapshotConfig(Mode mode, int chunkSize) {

    public SnapshotConfig {
        Objects.requireNonNull(mode, "mode");
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be at least 1");
        }
    }

    /** {@code snapshot.mode}. */
    public enum Mode {
        /** Stream from {@code source.start} only; rows that exist already reach the index when they next change. */
        NEVER,
        /** With no state file yet: copy every mapped table's rows, then stream from the copy's position. */
        INITIAL;

        public String configValue() {
            return EnumSpelling.of(this);
        }

        public static Optional<Mode> fromConfigValue(String text) {
            return EnumSpelling.parse(Mode.class, text);
        }
    }
}
