package io.binlogsync.bench;

import io.binlogsync.event.BinlogPosition;
import io.binlogsync.testing.servers.MariaDbServer;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;

/**
 * Issue 6's workload on a freshly created bench.items: INSERTS rows in transactions of 100, then INSERTS/2
 * single-row updates (every even id), then INSERTS/4 deletes (ids 3, 7, 11, ...), 100 statements a transaction.
 * Ids are 1..INSERTS (a new table, one writer). When given {@link CommitTimes}, records for every row the moment
 * its transaction's COMMIT returned.
 */
final class ItemsWorkload {
    static final String TABLE = "bench.items";
    private static final int PER_TRANSACTION = 100;

    /** Where the workload's binlog starts and ends, its row changes, and how long MariaDB took to write it. */
    record Written(BinlogPosition start, BinlogPosition end, int rows, long nanos) {
        double rowsPerSecond() {
            return rows / (nanos / 1e9);
        }
    }

    private final MariaDbServer mariadb;
    private final int inserts;

    ItemsWorkload(MariaDbServer mariadb, int inserts) {
        this.mariadb = mariadb;
        this.inserts = inserts;
    }

    int inserts() {
        return inserts;
    }

    /**
     * Drops and creates bench.items, readable by the least-privileged binlog reader the daemon runs as (it has only
     * replication grants of its own); returns the binlog position after the CREATE.
     */
    BinlogPosition recreateTable() throws SQLException {
        mariadb.execute("CREATE DATABASE IF NOT EXISTS bench",
                "GRANT SELECT ON bench.* TO '" + MariaDbServer.SYNC_USER + "'@'%'",
                "GRANT SELECT ON bench.* TO '" + MariaDbServer.SYNC_USER + "'@'localhost'",
                "DROP TABLE IF EXISTS " + TABLE,
                "CREATE TABLE " + TABLE + " (id BIGINT PRIMARY KEY AUTO_INCREMENT, sku VARCHAR(64),"
                        + " title VARCHAR(255), price DECIMAL(10,2), qty INT, tags JSON, updated_at DATETIME(6))");
        return position();
    }

    /** A transaction on an unmapped table; returns the position after it. */
    BinlogPosition markerTransaction() throws SQLException {
        mariadb.execute("CREATE TABLE IF NOT EXISTS bench.marker (id INT PRIMARY KEY AUTO_INCREMENT)",
                "INSERT INTO bench.marker VALUES (NULL)");
        return position();
    }

    BinlogPosition position() throws SQLException {
        Map<String, Object> status = mariadb.query("SHOW MASTER STATUS").get(0);
        return new BinlogPosition((String) status.get("File"), ((Number) status.get("Position")).longValue());
    }

    /** Writes the workload into the table {@link #recreateTable} made, which must be empty, at full speed. */
    Written write(BinlogPosition start, CommitTimes commits) throws SQLException {
        return write(start, commits, 0);
    }

    /**
     * Writes the workload; with {@code rowsPerSecond} above 0 the writer waits after each commit until that rate
     * allows the next transaction (a steady load the daemon can follow, for the lag it adds when not saturated).
     */
    Written write(BinlogPosition start, CommitTimes commits, int rowsPerSecond) throws SQLException {
        int rows = 0;
        long began = System.nanoTime();
        Pace pace = new Pace(began, rowsPerSecond);
        try (Connection connection = mariadb.adminConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + TABLE + " (id, sku, title,"
                    + " price, qty, tags, updated_at) VALUES (?, ?, ?, ?, ?, ?, NOW(6))")) {
                for (int id = 1; id <= inserts; id++) {
                    // explicit ids: a batched insert may leave gaps in AUTO_INCREMENT (innodb_autoinc_lock_mode=1)
                    insert.setLong(1, id);
                    insert.setString(2, "SKU-" + id);
                    insert.setString(3, "Item number " + id + " with a title of a typical length");
                    insert.setBigDecimal(4, BigDecimal.valueOf(id % 10000, 2));
                    insert.setInt(5, id % 100);
                    insert.setString(6, "[\"tag" + (id % 7) + "\", \"tag" + (id % 11) + "\"]");
                    insert.addBatch();
                    if (id % PER_TRANSACTION == 0 || id == inserts) {
                        requireOneRowEach(insert.executeBatch(), CommitTimes.Kind.INSERT);
                        connection.commit();
                        commits.committed(CommitTimes.Kind.INSERT, id - (id - 1) % PER_TRANSACTION, id, 1);
                        pace.await(id);
                    }
                }
            }
            rows += inserts;
            int updates = inserts / 2;
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE " + TABLE + " SET qty = qty + 1, updated_at = NOW(6) WHERE id = ?")) {
                rows += singleRowStatements(connection, update, updates, 2, 0, CommitTimes.Kind.UPDATE, commits,
                        pace, rows);
            }
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + TABLE + " WHERE id = ?")) {
                rows += singleRowStatements(connection, delete, inserts / 4, 4, 1, CommitTimes.Kind.DELETE, commits,
                        pace, rows);
            }
        }
        long nanos = System.nanoTime() - began;
        return new Written(start, position(), rows, nanos);
    }

    private static void requireOneRowEach(int[] updateCounts, CommitTimes.Kind kind) {
        for (int count : updateCounts) {
            // the driver may answer SUCCESS_NO_INFO (-2) for a bulk-executed batch
            if (count != 1 && count != java.sql.Statement.SUCCESS_NO_INFO) {
                throw new IllegalStateException("a " + kind + " of the workload changed " + count + " rows, not 1");
            }
        }
    }

    /** Runs {@code count} statements on ids {@code step*i - back}, i = 1..count, 100 a transaction. */
    private static int singleRowStatements(Connection connection, PreparedStatement statement, int count, int step,
                                           int back, CommitTimes.Kind kind, CommitTimes commits, Pace pace,
                                           int rowsBefore) throws SQLException {
        int first = 1;
        for (int i = 1; i <= count; i++) {
            statement.setLong(1, (long) step * i - back);
            statement.addBatch();
            if (i % PER_TRANSACTION == 0 || i == count) {
                requireOneRowEach(statement.executeBatch(), kind);
                connection.commit();
                commits.committed(kind, step * first - back, step * i - back, step);
                first = i + 1;
                pace.await(rowsBefore + i);
            }
        }
        return count;
    }

    /** Holds the writer to a rate: row n is not written before {@code began + n / rate}. */
    private record Pace(long began, int rowsPerSecond) {
        void await(long rowsWritten) {
            if (rowsPerSecond <= 0) {
                return;
            }
            long due = began + rowsWritten * 1_000_000_000L / rowsPerSecond;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
        }
    }
}
