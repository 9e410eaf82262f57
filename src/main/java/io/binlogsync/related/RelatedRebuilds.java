package io.binlogsync.related;

import io.binlogsync.config.DocumentVersions;
import io.binlogsync.config.SnapshotConfig;
import io.binlogsync.mapping.RelatedChanges;
import io.binlogsync.sink.Sink;
import io.binlogsync.source.jdbc.SchemaCatalog;
import io.binlogsync.source.jdbc.SourceDatabase;

import java.nio.file.Path;

/**
 * The daemon's rebuilds of joined documents: the stream's per-batch rebuilds ({@link StreamRebuilds}) and the side
 * lane ({@link RebuildLane}) with its jobs beside the state file, sharing snapshot connections.
 */
public final class RelatedRebuilds implements AutoCloseable {
    private final SnapshotReads reads;
    private final RebuildJobs jobs;
    private final RebuildLane lane;
    private final StreamRebuilds stream;

    /**
     * @param redis       deletes the cache keys of the documents the side lane rebuilds (none without Redis)
     * @param resumedGtid the GTID state the stream resumes from, if any: job files saved without their change's GTID
     *                    are read in snapshots that hold it (GTID versions)
     */
    public RelatedRebuilds(RelatedTables related, SourceDatabase database, SnapshotConfig snapshot,
                           DocumentVersions versions, Path stateFile, Sink elasticsearch,
                           java.util.Optional<? extends Sink> redis, java.util.Optional<String> resumedGtid,
                           java.time.Clock clock) {
        this.reads = new SnapshotReads(database, snapshot, versions);
        this.jobs = new RebuildJobs(stateFile);
        // one pool of snapshot connections for the stream's inline rebuilds and the lane (one connection per reader)
        this.lane = new RebuildLane(jobs, related, reads, elasticsearch,
                redis.map(Sink.class::cast), snapshot.chunkSize(), versions, resumedGtid, clock);
        SchemaCatalog catalog = new SchemaCatalog(database);
        this.stream = new StreamRebuilds(related, reads, jobs, lane::wake, new RelatedSchemaChanges(related, table -> {
            catalog.forget(table);
            return catalog.table(table);
        }, entries -> {
            jobs.add(entries);
            lane.wake();
        }, versions), versions);
    }

    /** For the stream's mapper. */
    public RelatedChanges stream() {
        return stream;
    }

    /** Starts the side lane, which first does the jobs an earlier run left. */
    public void start() {
        lane.start();
    }

    /** The side lane's durable jobs (counted for the metrics). */
    public RebuildJobs jobs() {
        return jobs;
    }

    public RebuildLane lane() {
        return lane;
    }

    /** Stops the side lane after its current page (its job stays for the next start). Harmless twice. */
    public void stopLane() {
        lane.close();
    }

    @Override
    public void close() {
        lane.close();
        reads.close();
    }
}
