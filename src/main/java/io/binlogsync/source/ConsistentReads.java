package io.binlogsync.source;

import io.binlogsync.event.BinlogPosition;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * Reads on one connection, each in its own {@code START TRANSACTION WITH CONSISTENT SNAPSHOT}, together with the
 * binlog position that snapshot is consistent with (MariaDB's {@code binlog_snapshot_file} and
 * {@code binlog_snapshot_position}) and the GTID state there: every transaction before that position is in what
 * the read sees, none after it. No lock is taken; writers go on.
 */
public final class ConsistentReads implements AutoCloseable {

    /** What a read returned, and where in the binlog it stands. */
    public record Read<T>(T value, GtidPosition at) {
    }

    /** A read inside the snapshot transaction. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(Connection connection) throws SQLException;
    }

    private final Connection connection;

    /** @throws SQLException when the source is not MariaDB, which alone gives the snapshot's position without a lock */
    public ConsistentReads(SourceDatabase database) throws SQLException {
        this.connection = database.open();
        try {
            requireMariaDb();
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            }
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private void requireMariaDb() throws SQLException {
        String version = connection.getMetaData().getDatabaseProductVersion();
        if (!version.contains("MariaDB")) {
            throw new SQLException("snapshots and resync need MariaDB for now: MySQL " + version + " has no"
                    + " binlog_snapshot_position, and the alternative (FLUSH TABLES WITH READ LOCK) blocks every writer."
                    + " Set snapshot.mode = never and bootstrap the index another way");
        }
    }

    /**
     * Runs {@code reader} in a new consistent snapshot. {@code withGtid} also asks for the GTID state at its
     * position, which costs the server a read of its binlog file up to there ({@code BINLOG_GTID_POS}).
     */
    public <T> Read<T> read(Reader<T> reader, boolean withGtid) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
            Read<T> read;
            try {
                GtidPosition at = snapshotPosition(statement, withGtid);
                read = new Read<>(reader.read(connection), at);
            } catch (SQLException | RuntimeException e) {
                try {
                    statement.execute("ROLLBACK");
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            }
            statement.execute("COMMIT");
            return read;
        }
    }

    private GtidPosition snapshotPosition(Statement statement, boolean withGtid) throws SQLException {
        String file = null;
        long offset = -1;
        try (ResultSet rows = statement.executeQuery("SHOW SESSION STATUS LIKE 'binlog_snapshot_%'")) {
            while (rows.next()) {
                if (rows.getString(1).equalsIgnoreCase("binlog_snapshot_file")) {
                    file = rows.getString(2);
                } else if (rows.getString(1).equalsIgnoreCase("binlog_snapshot_position")) {
                    offset = rows.getLong(2);
                }
            }
        }
        if (file == null || file.isBlank() || offset < 0) {
            throw new SQLException("the server gave no binlog_snapshot_file/position: is the binary log on?");
        }
        BinlogPosition position = new BinlogPosition(file, offset);
        if (!withGtid) {
            return new GtidPosition(position, Optional.empty());
        }
        return new GtidPosition(position, SourceDatabase.mariadbGtidAt(connection, position));
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
