package io.binlogsync.source.jdbc;

import io.binlogsync.config.SnapshotConfig;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** How a consistent read learns the binlog position its snapshot matches; see {@link ConsistentReads}. */
public enum SnapshotMethod {
    /**
     * The server's {@code binlog_snapshot_file} and {@code binlog_snapshot_position} status variables, set by
     * {@code START TRANSACTION WITH CONSISTENT SNAPSHOT}: MariaDB, and Percona Server for MySQL (which also has
     * {@code binlog_snapshot_gtid_executed}). No lock.
     */
    STATUS_VARIABLES,
    /**
     * MySQL: {@code FLUSH TABLES WITH READ LOCK} (RELOAD privilege), then the snapshot and {@code SHOW MASTER STATUS}
     * (8.2+: {@code SHOW BINARY LOG STATUS}), then {@code UNLOCK TABLES}. No transaction commits under the lock,
     * so the position is the snapshot's; writers wait for the instant it is held.
     */
    GLOBAL_READ_LOCK;

    static final String SNAPSHOT_FILE = "binlog_snapshot_file";
    static final String SNAPSHOT_POSITION = "binlog_snapshot_position";
    static final String SNAPSHOT_GTID = "binlog_snapshot_gtid_executed";

    /**
     * The method to use, from the names of the server's {@code binlog_snapshot_%} status variables (any case) and
     * the configured {@code snapshot.locking}.
     */
    public static SnapshotMethod choose(Set<String> snapshotStatusNames, SnapshotConfig.Locking locking) {
        if (locking == SnapshotConfig.Locking.GLOBAL_READ_LOCK) {
            return GLOBAL_READ_LOCK;
        }
        Set<String> names = lowerCase(snapshotStatusNames);
        return names.contains(SNAPSHOT_FILE) && names.contains(SNAPSHOT_POSITION) ? STATUS_VARIABLES : GLOBAL_READ_LOCK;
    }

    static Set<String> lowerCase(Set<String> names) {
        return names.stream().map(name -> name.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** For logs and {@code binlog-sync check}: what the method costs the server. */
    public String describe() {
        return switch (this) {
            case STATUS_VARIABLES -> "no lock (the server's binlog_snapshot_file/position give each snapshot's position)";
            case GLOBAL_READ_LOCK -> "FLUSH TABLES WITH READ LOCK for an instant per snapshot (RELOAD privilege;"
                    + " writers wait while it is held)";
        };
    }
}
