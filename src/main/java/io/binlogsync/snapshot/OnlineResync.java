package io.binlogsync.snapshot;

import io.binlogsync.config.SnapshotConfig;
import io.binlogsync.event.TableId;
import io.binlogsync.mapping.TableMapping;
import io.binlogsync.progress.Progress;
import io.binlogsync.source.jdbc.ConsistentReads;
import io.binlogsync.source.jdbc.SourceDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Resyncs tables while the stream goes on, when {@code binlog-sync resync} asks (see {@link ResyncRequests}): the
 * table is copied again chunk by chunk, each chunk in its own consistent snapshot at the version just below its
 * binlog position. A change the stream writes after that position wins over the chunk; one before it is in the
 * chunk. No lock on MariaDB and Percona Server: writers go on; on MySQL an instant's global read lock now and then
 * (see {@link ConsistentReads}). One table at a time, on its own thread. A request for new indices goes to
 * {@link IndexRebuild}.
 */
public final class OnlineResync implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OnlineResync.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final ResyncRequests requests;
    private final SourceDatabase database;
    private final SnapshotConfig config;
    private final List<TableMapping> mappings;
    private final TableCopies copies;
    private final java.util.function.Function<TableId, List<TableMapping>> laterTables;
    private final IndexRebuild rebuild;
    private final Thread thread;
    private volatile boolean closed;

    /**
     * @param copies  makes a table's copy per request
     * @param rebuild runs the requests for new indices
     */
    public OnlineResync(ResyncRequests requests, SourceDatabase database, SnapshotConfig config,
                        List<TableMapping> mappings, TableCopies copies, IndexRebuild rebuild) {
        this(requests, database, config, mappings, copies, rebuild, table -> List.of());
    }

    /** @param laterTables the mappings of a table created after the start that a table pattern matches */
    public OnlineResync(ResyncRequests requests, SourceDatabase database, SnapshotConfig config,
                        List<TableMapping> mappings, TableCopies copies, IndexRebuild rebuild,
                        java.util.function.Function<TableId, List<TableMapping>> laterTables) {
        this.laterTables = laterTables;
        this.requests = requests;
        this.database = database;
        this.config = config;
        this.mappings = List.copyOf(mappings);
        this.copies = copies;
        this.rebuild = rebuild;
        this.thread = new Thread(this::run, "resync");
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    private void run() {
        cleanUpAfterEarlierRun();
        while (!closed) {
            try {
                List<ResyncRequest> pending = requests.pending();
                for (ResyncRequest request : pending) {
                    if (closed) {
                        return;
                    }
                    requests.take(request.table());
                    if (request.newIndex()) {
                        rebuild.run(request, () -> closed);
                    } else {
                        resync(request.table());
                    }
                }
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                log.warn("cannot read resync requests in {}: {}", requests.directory(), e.toString());
                try {
                    Thread.sleep(POLL.toMillis() * 10);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /** A daemon that stopped (or was killed) during a resync left its status running and maybe half-built indices. */
    private void cleanUpAfterEarlierRun() {
        try {
            rebuild.cleanUpAfterEarlierRun();
            for (TableId table : requests.tablesWithStatus()) {
                Optional<ResyncRequests.Status> status = requests.status(table);
                if (status.isPresent() && !status.get().finished()) {
                    requests.writeStatus(table, new ResyncRequests.Status("failed", status.get().rows(),
                            status.get().estimatedRows(), "the daemon stopped during the resync (killed?); ask again"));
                }
            }
        } catch (IOException | RuntimeException e) {
            log.warn("cannot clean up after the resync an earlier daemon left unfinished in {}: {}",
                    requests.directory(), e.toString());
        }
    }

    private void resync(TableId table) throws IOException, InterruptedException {
        long estimate = 0;
        long[] rows = {0};
        try (ConsistentReads reads = new ConsistentReads(database, config)) {
            // the table's columns now, not at the daemon's start: a resync often follows an ALTER
            List<TableMapping> ofTable = mappings.stream().filter(mapping -> mapping.table().equals(table)).toList();
            if (ofTable.isEmpty()) {
                ofTable = laterTables.apply(table);
            }
            if (ofTable.isEmpty()) {
                throw new IllegalArgumentException("no mapping reads " + table + "; the mapped tables are "
                        + mappings.stream().map(TableMapping::table).distinct().toList());
            }
            TableCopy copy = copies.copyOf(table, ofTable);
            estimate = database.estimatedRows(table);
            long total = estimate;
            log.info("resync of {} begins (~{} rows) while streaming goes on; positions by {}", table, estimate,
                    reads.method().describe());
            requests.writeStatus(table, new ResyncRequests.Status("running", 0, estimate, ""));
            long started = System.nanoTime();
            boolean finished = copy.copy(reads, List.of(), Progress.NONE, (lastKey, chunkRows) -> {
                rows[0] += chunkRows;
                try {
                    requests.writeStatus(table, new ResyncRequests.Status("running", rows[0], total, ""));
                } catch (IOException e) {
                    log.debug("cannot write the resync status of {}: {}", table, e.toString());
                }
            }, () -> closed);
            long millis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            if (finished) {
                log.info("resync of {} done: {} rows in {} s ({} rows/s)", table, rows[0], millis / 1000,
                        rows[0] * 1000 / millis);
                requests.writeStatus(table, new ResyncRequests.Status("done", rows[0], estimate, ""));
            } else {
                requests.writeStatus(table, new ResyncRequests.Status("failed", rows[0], estimate,
                        "the daemon stopped during the resync; ask again"));
            }
        } catch (java.sql.SQLException | IOException | RuntimeException e) {
            log.error("resync of {} failed after {} rows: {}", table, rows[0], e.getMessage());
            try {
                requests.writeStatus(table, new ResyncRequests.Status("failed", rows[0], estimate,
                        String.valueOf(e.getMessage())));
            } catch (IOException | RuntimeException statusFailed) {
                log.warn("cannot write the failed status of the resync of {}: {}", table, statusFailed.toString());
            }
        }
    }

    /** Stops after the current chunk; waits up to 30 s. Harmless twice. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        if (thread.isAlive()) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
