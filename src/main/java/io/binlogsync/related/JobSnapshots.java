package io.binlogsync.related;

import io.binlogsync.config.DocumentVersions;
import io.binlogsync.event.TableId;
import io.binlogsync.source.jdbc.ConsistentReads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The consistent snapshots the side lane reads a job's pages in: each holds the change the job's entry is for
 * ({@link ChangePoint}). With binlog-position versions that is the change's position (the daemon follows no other
 * server with those); with GTID versions its GTID, which holds on any server of the replication topology, so a job
 * left by a daemon that read the old primary is done on the promoted replica. An entry saved without its change's
 * GTID (by an earlier binlog-sync) waits for the GTID state the daemon resumed from instead: its change is either
 * before it, and so in any snapshot that holds it, or after it, and then read again by the stream, which rebuilds
 * its documents again.
 */
final class JobSnapshots {
    private static final Logger log = LoggerFactory.getLogger(JobSnapshots.class);

    private final SnapshotReads reads;
    private final DocumentVersions versions;
    private final Optional<String> resumedGtid;
    /** Jobs whose entries lack their change's GTID, said once each. */
    private final Set<Path> toldWithoutGtid = new HashSet<>();

    /** @param resumedGtid the GTID state the daemon resumed from (GTID versions) */
    JobSnapshots(SnapshotReads reads, DocumentVersions versions, Optional<String> resumedGtid) {
        this.reads = reads;
        this.versions = versions;
        this.resumedGtid = resumedGtid;
    }

    /** The snapshots of {@code entry} of {@code job}, whose documents are those of {@code table}'s mapping. */
    EntrySnapshots of(RebuildJobs.Job job, RebuildJobs.Entry entry, TableId table, String describedEntry) {
        return new EntrySnapshots(job.file(), change(job, entry), table, describedEntry);
    }

    /** The change {@code entry} of {@code job} waits for (saying once per job when it has no GTID). */
    ChangePoint change(RebuildJobs.Job job, RebuildJobs.Entry entry) {
        if (versions != DocumentVersions.GTID) {
            return new ChangePoint.Position(entry.position());
        }
        if (entry.gtidSequence() != null) {
            return new ChangePoint.GtidSequence(entry.gtidSequence(), entry.position());
        }
        ChangePoint resumed = new ChangePoint.GtidState(resumedGtid.orElse(""));
        if (toldWithoutGtid.add(job.file())) {
            log.warn("rebuild job {} was saved without its change's GTID (by an earlier binlog-sync?): its position"
                    + " binlog {} may be of another server than the source's; its documents are read in snapshots"
                    + " that hold {}, where the daemon resumed, on whichever server the source is", job.file(),
                    entry.position(), resumed.describe());
        }
        return resumed;
    }

    /**
     * The snapshots of one job entry's pages: each holds the entry's change until that change is given up on. With
     * GTID versions, a change whose GTID the source still lacks after the wait for visibility is a transaction the
     * source does not have (lost in a failover, or not yet replicated to it): the entry's documents are then read as
     * the source has them, with one WARN naming the GTID, the job and the resync that restores what a lost
     * transaction left in the index. Nothing waits forever, and nothing is lost: a transaction that reaches the
     * source later is after the position the stream resumed from, so the stream reads it and rebuilds again.
     */
    final class EntrySnapshots {
        private final Path job;
        private final TableId table;
        private final String describedEntry;
        /** Empty once given up on. */
        private Optional<ChangePoint> change;

        private EntrySnapshots(Path job, ChangePoint change, TableId table, String describedEntry) {
            this.job = job;
            this.change = Optional.of(change);
            this.table = table;
            this.describedEntry = describedEntry;
        }

        <T> ConsistentReads.Read<T> read(ConsistentReads.Reader<T> reader) throws SQLException, InterruptedException {
            if (change.isEmpty()) {
                return reads.read(reader);
            }
            try {
                return reads.readAfter(change.get(), reader);
            } catch (ChangeNotInSnapshot e) {
                if (e.change() instanceof ChangePoint.Position) {
                    throw e; // one server only: an error, retried as any other
                }
                log.warn("rebuild job {}: {}. Its documents ({}) are rebuilt from the rows as the source has them"
                        + " now; if that transaction was lost in a failover, documents written from it before may"
                        + " keep its values: run binlog-sync resync {} (if it reaches the source later, the stream"
                        + " rebuilds them again)", job, e.getMessage(), describedEntry, table);
                change = Optional.empty();
                return reads.read(reader);
            }
        }
    }
}
