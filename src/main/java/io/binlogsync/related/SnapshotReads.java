package io.binlogsync.related;

import io.binlogsync.config.DocumentVersions;
import io.binlogsync.config.SnapshotConfig;
import io.binlogsync.retry.Backoff;
import io.binlogsync.source.jdbc.ConsistentReads;
import io.binlogsync.source.jdbc.SourceDatabase;
import io.binlogsync.version.VersionBounds;

import java.sql.SQLException;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Consistent-snapshot reads for rebuilds, on connections kept for reuse (one per thread that reads at once), each
 * read in a snapshot of its own taken now: never a snapshot kept from earlier, which could predate the change the
 * rebuild is for. Documents read carry {@link #version} of their snapshot, just below its binlog position.
 */
final class SnapshotReads implements AutoCloseable {
    /** How long a change the binlog holds may take to become visible to a new snapshot. */
    private static final java.time.Duration VISIBLE_WITHIN = java.time.Duration.ofSeconds(30);

    private final SourceDatabase database;
    private final SnapshotConfig config;
    private final DocumentVersions versions;
    private final ConcurrentLinkedQueue<ConsistentReads> idle = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    SnapshotReads(SourceDatabase database, SnapshotConfig config, DocumentVersions versions) {
        this.database = database;
        this.config = config;
        this.versions = versions;
    }

    /** Runs {@code reader} in a new consistent snapshot. */
    <T> ConsistentReads.Read<T> read(ConsistentReads.Reader<T> reader) throws SQLException {
        ConsistentReads kept = idle.poll();
        if (kept != null) {
            try {
                return read(kept, reader);
            } catch (java.sql.SQLNonTransientConnectionException | java.sql.SQLRecoverableException e) {
                // a kept connection the server closed meanwhile (wait_timeout, a restart): once more on a new one
            }
        }
        return read(new ConsistentReads(database, config), reader);
    }

    private <T> ConsistentReads.Read<T> read(ConsistentReads reads, ConsistentReads.Reader<T> reader)
            throws SQLException {
        try {
            // a snapshot kept open under the global read lock (MySQL) may be older than the change: end it
            reads.release();
            ConsistentReads.Read<T> read = reads.read(reader, versions == DocumentVersions.GTID);
            reads.release();
            if (closed) {
                reads.close();
            } else {
                idle.offer(reads);
            }
            return read;
        } catch (SQLException | RuntimeException e) {
            try {
                reads.close();
            } catch (SQLException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /**
     * Runs {@code reader} in a consistent snapshot that holds {@code change}: a snapshot taken just after the change
     * arrived may not (MariaDB and MySQL write a transaction to the binlog, where replicas read it, before its commit
     * is visible to other sessions), so a snapshot that does not hold it is dropped and another taken, for up to
     * {@link #VISIBLE_WITHIN}.
     *
     * @throws ChangeNotInSnapshot when none did by then
     */
    <T> ConsistentReads.Read<T> readAfter(ChangePoint change, ConsistentReads.Reader<T> reader)
            throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + VISIBLE_WITHIN.toNanos();
        Backoff pause = new Backoff(java.time.Duration.ofMillis(1), java.time.Duration.ofMillis(50));
        while (true) {
            ConsistentReads.Read<T> read = read(reader);
            if (change.heldBy(read.at())) {
                return read;
            }
            if (System.nanoTime() > deadline) {
                throw new ChangeNotInSnapshot("a consistent snapshot of " + database.describe() + " still ends at "
                        + read.at().position() + read.at().gtid().map(g -> " (GTID state " + g + ")").orElse("")
                        + ", before " + change.describe() + ", after " + VISIBLE_WITHIN.toSeconds() + " s: "
                        + (change instanceof ChangePoint.Position ? "is the source the server the binlog is read from?"
                        : "this server does not have that transaction (a failover to a server that lacks it?)"),
                        change, read.at());
            }
            Thread.sleep(pause.next().toMillis());
        }
    }

    /** The version of documents read in {@code read}'s snapshot. */
    long version(ConsistentReads.Read<?> read) {
        return VersionBounds.below(versions, read.at());
    }

    @Override
    public void close() {
        closed = true;
        ConsistentReads reads;
        while ((reads = idle.poll()) != null) {
            try {
                reads.close();
            } catch (SQLException ignored) {
                // a read-only connection: nothing is lost
            }
        }
    }
}
