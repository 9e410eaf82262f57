package io.binlogsync.snapshot;

import io.binlogsync.checkpoint.SnapshotProgress;
import io.binlogsync.checkpoint.SnapshotProgressFile;
import io.binlogsync.checkpoint.StreamOrigin;
import io.binlogsync.config.SnapshotConfig;
import io.binlogsync.event.TableId;
import io.binlogsync.progress.Progress;
import io.binlogsync.source.jdbc.ConsistentReads;
import io.binlogsync.event.GtidPosition;
import io.binlogsync.source.jdbc.SourceDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The first start's copy of every mapped table's existing rows, before streaming. Streaming then starts at the
 * position of the copy's first chunk: every change after it is streamed, and the copy's versions
 * ({@link io.binlogsync.version.VersionBounds}) make each change the copy already saw a no-op and each one it did not see win. All chunks
 * are written before the stream starts, so no copied row can come back after the stream deleted it. Progress is
 * saved after every acknowledged chunk; an interrupted copy resumes after the last one.
 */
public final class InitialSnapshot {
    private static final Logger log = LoggerFactory.getLogger(InitialSnapshot.class);

    private final SourceDatabase database;
    private final SnapshotConfig config;
    private final List<TableCopy> copies;
    private final SnapshotProgressFile progressFile;
    private final StreamOrigin origin;
    private final Progress progress;
    private final Clock clock;

    public InitialSnapshot(SourceDatabase database, SnapshotConfig config, List<TableCopy> copies,
                           SnapshotProgressFile progressFile, StreamOrigin origin, Progress progress, Clock clock) {
        this.database = database;
        this.config = config;
        this.copies = List.copyOf(copies);
        this.progressFile = progressFile;
        this.origin = origin;
        this.progress = progress;
        this.clock = clock;
    }

    /** Copies what is left to copy; returns where to stream from, or empty when {@code stop} came first. */
    public Optional<GtidPosition> run(BooleanSupplier stop) throws SQLException, InterruptedException {
        try (ConsistentReads reads = new ConsistentReads(database, config)) {
            log.info("snapshot reads take their binlog position with {}", reads.method().describe());
            SnapshotProgress state = startOrResume(reads);
            Instant started = clock.instant();
            long copied = 0;
            for (TableCopy copy : copies) {
                TableId table = copy.table();
                SnapshotProgress.TableProgress done = state.of(table);
                if (done.done()) {
                    continue;
                }
                progress.begin(table.toString(), database.estimatedRows(table));
                progress.advance(done.rows());
                SnapshotProgress[] latest = {state};
                boolean finished = copy.copy(reads, done.afterKey(), progress, (lastKey, rows) -> {
                    long total = latest[0].of(table).rows() + rows;
                    latest[0] = latest[0].with(table, new SnapshotProgress.TableProgress(false, lastKey, total));
                    progressFile.save(latest[0]);
                }, stop);
                progress.end();
                state = latest[0];
                copied += state.of(table).rows() - done.rows();
                if (!finished) {
                    log.info("snapshot stopped on request after {} of {}; the next start resumes there",
                            state.of(table).rows(), table);
                    return Optional.empty();
                }
                state = state.with(table, new SnapshotProgress.TableProgress(true, List.of(), state.of(table).rows()));
                progressFile.save(state);
            }
            Duration took = Duration.between(started, clock.instant());
            log.info("snapshot done: {} rows copied in {} s ({} rows/s); streaming from {}", copied,
                    took.toSeconds(), copied * 1000 / Math.max(1, took.toMillis()), state.streamFrom());
            return Optional.of(new GtidPosition(state.streamFrom(), state.gtid()));
        }
    }

    private SnapshotProgress startOrResume(ConsistentReads reads) throws SQLException {
        Optional<SnapshotProgress> saved = progressFile.load();
        if (saved.isPresent()) {
            SnapshotProgress resumed = saved.get();
            if (!resumed.origin().equals(origin)) {
                throw new IllegalStateException("the unfinished snapshot in " + progressFile.path() + " was taken from"
                        + " server-id " + resumed.origin().serverId() + " with " + resumed.origin().versions()
                        .configValue() + " versions; now it would be server-id " + origin.serverId() + " with "
                        + origin.versions().configValue() + ". Remove the file to start the snapshot over");
            }
            log.info("resuming the snapshot in {} (streaming will start from {})", progressFile.path(),
                    resumed.streamFrom());
            return resumed;
        }
        GtidPosition at = reads.read(connection -> null, true).at();
        Map<TableId, SnapshotProgress.TableProgress> tables = new LinkedHashMap<>();
        copies.forEach(copy -> tables.put(copy.table(), SnapshotProgress.TableProgress.NOT_STARTED));
        SnapshotProgress fresh = new SnapshotProgress(at.position(), at.gtid(), origin, tables);
        progressFile.save(fresh);
        log.info("snapshot of {} table(s) begins; streaming will start from {}{}", tables.size(), at.position(),
                at.gtid().map(g -> " (GTID " + g + ")").orElse(""));
        return fresh;
    }
}
