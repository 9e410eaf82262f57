package io.binlogsync.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code snapshot { ... }}: whether a first start copies the mapped tables' existing rows before streaming, how many
 * rows a chunk reads (also the chunk size of {@code resync}), and how a consistent read learns its binlog position
 * ({@code locking}; on MySQL a global read lock held for an instant, waited for at most {@code lockWaitTimeout}).
 */
public record SnapshotConfig(Mode mode, int chunkSize, Locking locking, Duration lockWaitTimeout) {

    /** The default wait for MySQL's global read lock: writers wait at most this long behind it. */
    public static final Duration DEFAULT_LOCK_WAIT_TIMEOUT = Duration.ofSeconds(10);

    public SnapshotConfig {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(locking, "locking");
        Objects.requireNonNull(lockWaitTimeout, "lockWaitTimeout");
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be at least 1");
        }
        if (lockWaitTimeout.toSeconds() < 1) {
            throw new IllegalArgumentException("lockWaitTimeout must be at least 1 s");
        }
    }

    /** With the default locking ({@code auto}, 10 s). */
    public SnapshotConfig(Mode mode, int chunkSize) {
        this(mode, chunkSize, Locking.AUTO, DEFAULT_LOCK_WAIT_TIMEOUT);
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

    /** {@code snapshot.locking}: how a consistent read learns the binlog position it matches. */
    public enum Locking {
        /**
         * No lock where the server tells a snapshot's position ({@code binlog_snapshot_file}/{@code _position}:
         * MariaDB, Percona Server); else (MySQL) the global read lock.
         */
        AUTO,
        /** {@code FLUSH TABLES WITH READ LOCK} for an instant, on any server (what MySQL needs; RELOAD privilege). */
        GLOBAL_READ_LOCK;

        public String configValue() {
            return EnumSpelling.of(this);
        }

        public static Optional<Locking> fromConfigValue(String text) {
            return EnumSpelling.parse(Locking.class, text);
        }
    }
}
