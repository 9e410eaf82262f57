package io.binlogsync.source.jdbc;

import io.binlogsync.event.GtidPosition;
import io.binlogsync.config.SnapshotConfig;
import io.binlogsync.event.BinlogPosition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads on one connection, each in a {@code START TRANSACTION WITH CONSISTENT SNAPSHOT}, together with the binlog
 * position that snapshot is consistent with and the GTID state there: every transaction before that position is in
 * what the read sees, none after it. How the position is learnt depends on the server ({@link SnapshotMethod}):
 * <ul>
 *   <li>MariaDB and Percona Server tell it without a lock ({@code binlog_snapshot_file}/{@code _position}); each
 *   read has a snapshot of its own.</li>
 *   <li>MySQL has no such variables: the snapshot is started under {@code FLUSH TABLES WITH READ LOCK}, under which
 *   no transaction can commit, and {@code SHOW MASTER STATUS} read before {@code UNLOCK TABLES}. Writers wait while
 *   the lock is held (a few milliseconds), and its wait is bounded by {@code lock_wait_timeout}.</li>
 * </ul>
 * Under the lock, one snapshot serves the reads that follow for up to {@link #LOCKED_SNAPSHOT_REUSE} (then the
 * next read takes a new one). A lock per read (per chunk) would stall the server's writers and flush its table
 * cache several times a second during a copy, and each flush waits for every running query; one snapshot for a
 * whole table would hold an InnoDB read view (purge stops, undo grows) and a metadata lock (an ALTER TABLE and
 * everything queued behind it waits) for the whole copy, and would let a resync write rows read long ago: a row
 * the stream deleted more than {@code index.gc_deletes} (60 s) earlier would come back. A few seconds' reuse keeps
 * the lock rare and the transaction short. Versions stay right either way: every read's documents carry the
 * version of its snapshot's position.
 */
public final class ConsistentReads implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConsistentReads.class);

    /** How long one snapshot taken under the global read lock serves consecutive reads. */
    static final Duration LOCKED_SNAPSHOT_REUSE = Duration.ofSeconds(5);

    private static final int ER_LOCK_WAIT_TIMEOUT = 1205;
    private static final int ER_SPECIFIC_ACCESS_DENIED = 1227;
    private static final int ER_ACCESS_DENIED = 1045;
    /** ER_TABLE_DEF_CHANGED: a table read in the snapshot was altered after the snapshot began ("please retry"). */
    private static final int ER_TABLE_DEF_CHANGED = 1412;
    /** Snapshots a read is tried in while tables keep being altered under it (an ALTER swaps its table once). */
    private static final int ATTEMPTS_WHILE_TABLES_CHANGE = 5;

    /** What a read returned, and where in the binlog it stands. */
    public record Read<T>(T value, GtidPosition at) {
    }

    /** A read inside the snapshot transaction; it reads only, as it may run again in a new snapshot. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(Connection connection) throws SQLException;
    }

    private final Connection connection;
    private final String describe;
    private final String user;
    private final String serverVersion;
    private final boolean mariadb;
    private final SnapshotMethod method;
    private final Duration lockWaitTimeout;
    private final boolean perconaGtid;
    /** The snapshot transaction kept open for reuse (global read lock only), and since when. */
    private GtidPosition lockedSnapshot;
    private long lockedSnapshotSince;

    /** @throws SQLException when the server cannot give a consistent snapshot's position (no binlog, no privilege) */
    public ConsistentReads(SourceDatabase database, SnapshotConfig snapshot) throws SQLException {
        this.connection = database.open();
        this.describe = database.describe();
        this.user = database.user();
        this.lockWaitTimeout = snapshot.lockWaitTimeout();
        try {
            this.serverVersion = connection.getMetaData().getDatabaseProductVersion();
            this.mariadb = serverVersion.contains("MariaDB");
            Map<String, String> status = snapshotStatus();
            this.method = SnapshotMethod.choose(status.keySet(), snapshot.locking());
            this.perconaGtid = !mariadb && status.containsKey(SnapshotMethod.SNAPSHOT_GTID);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");
                if (method == SnapshotMethod.GLOBAL_READ_LOCK) {
                    // bounds how long FLUSH TABLES WITH READ LOCK waits (and so how long writers queue behind it)
                    statement.execute("SET SESSION lock_wait_timeout = " + lockWaitTimeout.toSeconds());
                    // the server, not the socket, must end that wait
                    connection.setNetworkTimeout(Runnable::run, (int) Math.max(connection.getNetworkTimeout(),
                            lockWaitTimeout.plusSeconds(30).toMillis()));
                }
            }
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** How this connection learns its snapshots' positions. */
    public SnapshotMethod method() {
        return method;
    }

    /** The server's {@code binlog_snapshot_%} status variables by lower-case name (none on MySQL). */
    private Map<String, String> snapshotStatus() throws SQLException {
        Map<String, String> status = new HashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SHOW SESSION STATUS LIKE 'binlog_snapshot_%'")) {
            while (rows.next()) {
                status.put(rows.getString(1).toLowerCase(java.util.Locale.ROOT), rows.getString(2));
            }
        }
        return status;
    }

    /**
     * Runs {@code reader} in a consistent snapshot. {@code withGtid} also asks for the GTID state at its position,
     * which costs MariaDB a read of its binlog file up to there ({@code BINLOG_GTID_POS}); MySQL's executed GTID set
     * comes with the position anyway. When a table the reader reads was altered after the snapshot began (the server
     * refuses the read: "Table definition has changed, please retry transaction"), the reader runs again in a new
     * snapshot, up to {@value #ATTEMPTS_WHILE_TABLES_CHANGE} times in all.
     */
    public <T> Read<T> read(Reader<T> reader, boolean withGtid) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                return readOnce(reader, withGtid);
            } catch (SQLException e) {
                if (e.getErrorCode() != ER_TABLE_DEF_CHANGED || attempt == ATTEMPTS_WHILE_TABLES_CHANGE) {
                    throw e;
                }
                // an ALTER swapped a table after the snapshot began: a snapshot begun now has the new table
                log.debug("a table was altered after the consistent snapshot began ({}); reading in a new one",
                        e.getMessage());
            }
        }
    }

    private <T> Read<T> readOnce(Reader<T> reader, boolean withGtid) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            GtidPosition at;
            try {
                at = method == SnapshotMethod.STATUS_VARIABLES ? beginWithoutLock(statement, withGtid)
                        : lockedSnapshot(statement, withGtid);
                Read<T> read = new Read<>(reader.read(connection), at);
                if (method == SnapshotMethod.STATUS_VARIABLES || lockedSnapshotExpired()) {
                    lockedSnapshot = null;
                    statement.execute("COMMIT");
                }
                return read;
            } catch (SQLException | RuntimeException e) {
                lockedSnapshot = null;
                try {
                    statement.execute("ROLLBACK");
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            }
        }
    }

    private GtidPosition beginWithoutLock(Statement statement, boolean withGtid) throws SQLException {
        statement.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
        Map<String, String> status = snapshotStatus();
        String file = status.get(SnapshotMethod.SNAPSHOT_FILE);
        String offset = status.get(SnapshotMethod.SNAPSHOT_POSITION);
        if (file == null || file.isBlank() || offset == null || offset.isBlank()) {
            throw new SQLException("the server gave no binlog_snapshot_file/position: is the binary log on?");
        }
        BinlogPosition position = new BinlogPosition(file, Long.parseLong(offset.trim()));
        if (!withGtid) {
            return new GtidPosition(position, Optional.empty());
        }
        if (perconaGtid) {
            return new GtidPosition(position, BinlogStatus.gtidSet(status.get(SnapshotMethod.SNAPSHOT_GTID)));
        }
        return new GtidPosition(position, mariadb ? SourceDatabase.mariadbGtidAt(connection, position)
                : Optional.empty());
    }

    /** The open snapshot while it is young enough, else a new one taken under the global read lock. */
    private GtidPosition lockedSnapshot(Statement statement, boolean withGtid) throws SQLException {
        if (lockedSnapshot == null || System.nanoTime() - lockedSnapshotSince >= LOCKED_SNAPSHOT_REUSE.toNanos()) {
            if (lockedSnapshot != null) {
                lockedSnapshot = null;
                statement.execute("COMMIT");
            }
            lockedSnapshot = lockAndBegin(statement);
            lockedSnapshotSince = System.nanoTime();
        }
        if (withGtid && mariadb && lockedSnapshot.gtid().isEmpty()) {
            // MariaDB's SHOW MASTER STATUS has no GTID column; BINLOG_GTID_POS tells the state there
            lockedSnapshot = new GtidPosition(lockedSnapshot.position(),
                    SourceDatabase.mariadbGtidAt(connection, lockedSnapshot.position()));
        }
        return lockedSnapshot;
    }

    private GtidPosition lockAndBegin(Statement statement) throws SQLException {
        long started = System.nanoTime();
        lockGlobally(statement);
        GtidPosition at;
        try {
            statement.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
            at = BinlogStatus.read(statement, serverVersion);
        } finally {
            // releases the global read lock; the transaction goes on (UNLOCK TABLES commits only after LOCK TABLES)
            statement.execute("UNLOCK TABLES");
        }
        log.debug("snapshot at {} taken under the global read lock, held {} ms", at.position(),
                (System.nanoTime() - started) / 1_000_000);
        return at;
    }

    private void lockGlobally(Statement statement) throws SQLException {
        try {
            statement.execute("FLUSH TABLES WITH READ LOCK");
        } catch (SQLException e) {
            if (e.getErrorCode() == ER_LOCK_WAIT_TIMEOUT) {
                throw new SQLException("FLUSH TABLES WITH READ LOCK on " + describe + " waited "
                        + lockWaitTimeout.toSeconds() + " s (snapshot.lock-wait-timeout) and gave up: a long-running"
                        + " query or a LOCK TABLES held a table, and writers waited behind the lock meanwhile. Find it"
                        + " with SHOW PROCESSLIST and try again when it has ended (a snapshot resumes after its last"
                        + " chunk; ask for a resync again), or raise snapshot.lock-wait-timeout if writers may wait"
                        + " longer", e.getSQLState(), e.getErrorCode(), e);
            }
            if (e.getErrorCode() == ER_SPECIFIC_ACCESS_DENIED || e.getErrorCode() == ER_ACCESS_DENIED) {
                throw new SQLException(missingReload(user) + " (" + e.getMessage() + ")", e.getSQLState(),
                        e.getErrorCode(), e);
            }
            throw e;
        }
    }

    /** What to do when the user lacks RELOAD, which {@code FLUSH TABLES WITH READ LOCK} needs. */
    public static String missingReload(String user) {
        return "snapshots and resync on this server (MySQL: no binlog_snapshot_position) take FLUSH TABLES WITH READ"
                + " LOCK for an instant, which needs the RELOAD privilege that " + user + " lacks: GRANT RELOAD ON *.*"
                + " TO the user, or set snapshot.mode = never and bootstrap the index another way (resync and verify"
                + " --repair need it too)";
    }

    /**
     * Ends the snapshot kept open for the next reads, if any (global read lock only): for callers about to wait a
     * while (a slow Elasticsearch), so the transaction does not hold its read view and metadata locks meanwhile, and
     * for the end of a table. The next read takes a new snapshot.
     */
    public void release() throws SQLException {
        if (lockedSnapshot != null) {
            lockedSnapshot = null;
            try (Statement statement = connection.createStatement()) {
                statement.execute("COMMIT");
            }
        }
    }

    private boolean lockedSnapshotExpired() {
        return lockedSnapshot != null && System.nanoTime() - lockedSnapshotSince >= LOCKED_SNAPSHOT_REUSE.toNanos();
    }

    @Override
    public void close() throws SQLException {
        // closing rolls back an open snapshot transaction; it only ever read
        connection.close();
    }
}
