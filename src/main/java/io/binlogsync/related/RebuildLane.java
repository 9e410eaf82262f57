package io.binlogsync.related;

import io.binlogsync.config.DocumentVersions;
import io.binlogsync.event.RowImage;
import io.binlogsync.mapping.DocumentOperation;
import io.binlogsync.mapping.join.JoinedDocuments;
import io.binlogsync.retry.OutageLog;
import io.binlogsync.sink.Sink;
import io.binlogsync.sink.SinkBatch;
import io.binlogsync.source.jdbc.ConsistentReads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The side lane: rebuilds the documents a many-to-one related row's change touches (every product of a renamed
 * category), on its own thread, while the stream goes on, so a change that touches 100,000 documents does not hold
 * up the other tables' changes. Pages through the documents' rows by the join column's index, each page (and its
 * related rows) in a consistent snapshot of its own, written at the version just below its position: a change the
 * stream writes after it wins, one before it is in it. The next page is read while up to three earlier
 * ones are written. Each page's snapshot holds the job's change ({@link JobSnapshots}), by GTID with GTID versions,
 * so a job left by a daemon that read the old primary is done on the promoted replica after a failover.
 * A job's file goes only once all its documents are written; a job a stopped daemon left is done at the next start.
 */
public final class RebuildLane implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RebuildLane.class);
    private static final long IDLE_WAIT_MILLIS = 500;
    private static final long RETRY_WAIT_MILLIS = 2000;
    /** Pages written at once while the next is read: Elasticsearch takes bulk requests in parallel. */
    private static final int WRITES_IN_FLIGHT = 3;

    private final RebuildJobs jobs;
    private final RelatedTables related;
    private final SnapshotReads reads;
    private final Sink elasticsearch;
    /** Deletes the cache keys of each page's documents after they are written (none without Redis). */
    private final Optional<Sink> redis;
    private final int pageSize;
    /** The snapshots each job entry's pages are read in, holding its change. */
    private final JobSnapshots snapshots;
    private final Semaphore wake = new Semaphore(0);
    /** A failing source or sink is one WARN when the lane starts failing and one INFO when it works again. */
    private final OutageLog outage;
    private final Thread thread;
    private final ExecutorService writer;
    private volatile boolean closed;
    private volatile long documentsRebuilt;
    /** Time this job spent reading from the source, and waiting for Elasticsearch to take a page, for its log line. */
    private long readNanos;
    private long writeWaitNanos;

    /**
     * @param versions    how a job's change is found in a snapshot: by binlog position, or by GTID on any server
     *                    ({@link JobSnapshots})
     * @param resumedGtid the GTID state the daemon resumed from (GTID versions)
     */
    RebuildLane(RebuildJobs jobs, RelatedTables related, SnapshotReads reads, Sink elasticsearch,
                Optional<Sink> redis, int pageSize, DocumentVersions versions, Optional<String> resumedGtid,
                Clock clock) {
        this.jobs = jobs;
        this.snapshots = new JobSnapshots(reads, versions, resumedGtid);
        this.outage = new OutageLog(log, "rebuilding joined documents (jobs in " + jobs.directory() + ")", clock);
        this.redis = redis;
        this.related = related;
        this.reads = reads;
        this.elasticsearch = elasticsearch;
        this.pageSize = pageSize;
        this.thread = new Thread(this::run, "related-rebuilds");
        thread.setDaemon(true);
        this.writer = Executors.newFixedThreadPool(WRITES_IN_FLIGHT, runnable -> {
            Thread writing = new Thread(runnable, "related-rebuilds-writer");
            writing.setDaemon(true);
            return writing;
        });
    }

    void start() {
        thread.start();
    }

    /** A job was added: look now rather than at the next poll. */
    void wake() {
        wake.release();
    }

    /** Documents the lane has written since the start. */
    public long documentsRebuilt() {
        return documentsRebuilt;
    }

    private void run() {
        try {
            int left = jobs.pending().size();
            if (left > 0) {
                log.info("{} rebuild job(s) of joined documents left in {} by an earlier run; doing them now", left,
                        jobs.directory());
            }
        } catch (IOException e) {
            log.warn("cannot list the rebuild jobs in {}: {}", jobs.directory(), e.getMessage());
        }
        while (!closed) {
            try {
                List<RebuildJobs.Job> pending = jobs.pending();
                for (RebuildJobs.Job job : pending) {
                    if (closed) {
                        return;
                    }
                    if (process(job)) {
                        jobs.done(job);
                    }
                }
                outage.recovered();
                if (pending.isEmpty() && wake.tryAcquire(IDLE_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                return;
            } catch (IOException | SQLException | RuntimeException e) {
                outage.failed(e, Duration.ofMillis(RETRY_WAIT_MILLIS));
                try {
                    Thread.sleep(RETRY_WAIT_MILLIS);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /** Does a job; false when the lane was closed first. */
    private boolean process(RebuildJobs.Job job) throws SQLException, InterruptedException {
        long started = System.nanoTime();
        readNanos = 0;
        writeWaitNanos = 0;
        long documents = 0;
        for (RebuildJobs.Entry entry : job.entries()) {
            Optional<JoinedReader> reader = related.readers().stream()
                    .filter(candidate -> candidate.mapping().path().equals(entry.mapping())).findFirst();
            if (reader.isEmpty()) {
                log.warn("rebuild job {} names {}, which has no joins in this config; skipped", job.file(),
                        entry.mapping());
                continue;
            }
            JobSnapshots.EntrySnapshots after = snapshots.of(job, entry, reader.get().mapping().table(),
                    describe(entry));
            if (entry.everyDocument()) {
                long done = rebuild(reader.get(), after, (connection, from) ->
                        reader.get().pageAll(connection, from, pageSize));
                if (done < 0) {
                    return false;
                }
                documents += done;
                continue;
            }
            List<Object> parameters = new ArrayList<>();
            for (String value : entry.values()) {
                parameters.add(reader.get().parents().keyParameter(entry.column(), value));
            }
            for (int from = 0; from < parameters.size(); from += JoinedReader.VALUES_PER_QUERY) {
                List<Object> values = parameters.subList(from,
                        Math.min(parameters.size(), from + JoinedReader.VALUES_PER_QUERY));
                long done = rebuild(reader.get(), after, (connection, last) ->
                        reader.get().page(connection, entry.column(), values, last, pageSize));
                if (done < 0) {
                    return false;
                }
                documents += done;
            }
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        log.info("rebuilt {} joined document(s) after a related row changed ({}) in {} ms (reading {} ms, waiting"
                + " for Elasticsearch {} ms)", documents, describe(job), millis,
                TimeUnit.NANOSECONDS.toMillis(readNanos), TimeUnit.NANOSECONDS.toMillis(writeWaitNanos));
        return true;
    }

    /** Reads a page of the mapping's rows after the last one read (none at first), in key order. */
    @FunctionalInterface
    private interface Pager {
        List<RowImage> page(java.sql.Connection connection, Optional<RowImage> after) throws SQLException;
    }

    /** Rebuilds the documents of the rows {@code pager} reads; -1 when closed first. */
    private long rebuild(JoinedReader reader, JobSnapshots.EntrySnapshots after, Pager pager)
            throws SQLException, InterruptedException {
        JoinedDocuments documents = new JoinedDocuments();
        Optional<RowImage> last = Optional.empty();
        java.util.ArrayDeque<Future<?>> writing = new java.util.ArrayDeque<>();
        long count = 0;
        try {
            while (true) {
                if (closed) {
                    return -1;
                }
                Optional<RowImage> from = last;
                long reading = System.nanoTime();
                ConsistentReads.Read<Page> read = after.read(connection -> {
                    List<RowImage> rows = pager.page(connection, from);
                    return new Page(rows, reader.related(connection, rows));
                });
                List<RowImage> rows = read.value().rows();
                List<DocumentOperation> page = reader.documents(rows, read.value().related(), documents,
                        reads.version(read), false);
                long waiting = System.nanoTime();
                readNanos += waiting - reading;
                while (writing.size() >= WRITES_IN_FLIGHT) {
                    await(writing.poll());
                }
                writeWaitNanos += System.nanoTime() - waiting;
                List<String> keys = redis.isPresent() ? RelatedKeys.of(reader.mapping(), rows) : List.of();
                if (!page.isEmpty() || !keys.isEmpty()) {
                    writing.add(writer.submit(() -> {
                        elasticsearch.write(new SinkBatch(page, List.of()));
                        if (!keys.isEmpty()) {
                            // after the documents, as the stream's batches do; the job stays until both are done
                            redis.get().write(new SinkBatch(List.of(), keys));
                        }
                        return null;
                    }));
                }
                count += rows.size();
                documentsRebuilt += rows.size();
                if (rows.size() < pageSize) {
                    long draining = System.nanoTime();
                    while (!writing.isEmpty()) {
                        await(writing.poll());
                    }
                    writeWaitNanos += System.nanoTime() - draining;
                    return count;
                }
                last = Optional.of(rows.get(rows.size() - 1));
            }
        } finally {
            writing.forEach(pending -> pending.cancel(true));
        }
    }

    private record Page(List<RowImage> rows, io.binlogsync.mapping.join.RelatedRows related) {
    }

    private static void await(Future<?> writing) throws InterruptedException {
        if (writing == null) {
            return;
        }
        try {
            writing.get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static String describe(RebuildJobs.Job job) {
        StringBuilder text = new StringBuilder();
        for (RebuildJobs.Entry entry : job.entries()) {
            if (text.length() > 0) {
                text.append("; ");
            }
            text.append(describe(entry));
        }
        return text.toString();
    }

    private static String describe(RebuildJobs.Entry entry) {
        List<String> values = entry.values();
        if (entry.everyDocument()) {
            // column names the statement that asked for it: TRUNCATE, or an ALTER that rewrote values joins read
            return entry.mapping() + " every document, after the " + entry.column() + " of " + values;
        }
        return entry.mapping() + " " + entry.column() + " in "
                + (values.size() <= 5 ? values : values.subList(0, 5) + "... (" + values.size() + ")");
    }

    /** Stops after the current page; its job stays for the next start. Harmless twice. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writer.shutdownNow();
    }
}
