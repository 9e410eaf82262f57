package io.binlogsync.pipeline;

import io.binlogsync.checkpoint.Checkpoint;
import io.binlogsync.checkpoint.StreamOrigin;
import io.binlogsync.checkpoint.StateFile;
import io.binlogsync.config.BulkConfig;
import io.binlogsync.config.DdlConfig;
import io.binlogsync.event.ChangeEvent;
import io.binlogsync.event.RowsChanged;
import io.binlogsync.event.SchemaChanged;
import io.binlogsync.event.SourceFailed;
import io.binlogsync.event.TableId;
import io.binlogsync.event.TransactionCommitted;
import io.binlogsync.mapping.ChangeMapper;
import io.binlogsync.mapping.ClearIndex;
import io.binlogsync.mapping.MappingMismatchException;
import io.binlogsync.sink.Sink;
import io.binlogsync.sink.SinkBatch;
import io.binlogsync.source.binlog.ChangeEventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The data path between the source and the sinks. The mapper thread takes change events from a bounded queue (so
 * a slow sink slows the source down, never memory), maps rows to operations and collects them in a batch, which goes
 * out as soon as no more events wait and a writer is free (group commit: small batches when the stream is quiet,
 * large ones while the writers are busy), or earlier when it reaches its count or bytes, or when it has filled for
 * {@code max-wait} while every writer was busy. Up to {@code inFlightBatches} writer threads send batches to every sink at once (external versions make
 * their order irrelevant to Elasticsearch, and key deletions are idempotent); the position is saved for the
 * longest run of batches, in binlog order, that every sink has acknowledged. A TRUNCATE's batch waits for all
 * before it and holds back all after it. Any failure stops the pipeline; {@link #awaitTermination} says why.
 */
public final class SyncPipeline implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SyncPipeline.class);

    /** Events go to the mapper in lists of up to this many (a transaction's, mostly); see {@link EventHandoff}. */
    private static final int EVENTS_PER_HANDOFF = 64;

    private final EventHandoff handoff;
    private final BatchWriters writers;
    private final ChangeMapper mapper;
    private final BatchAssembler assembler;
    private final List<Sink> sinks;
    private final DdlPolicy ddlPolicy;
    private final Clock clock;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private volatile boolean draining;
    private volatile boolean stopped;
    private volatile Checkpoint acknowledged;
    private final AcknowledgedPrefix acknowledgedPrefix = new AcknowledgedPrefix();
    private final CheckpointSaver saver;
    private Thread mapperThread;
    /** The mapper thread's mark (set when it starts; only it uses the field). */
    private WorkingThreads.Mark mapperMark;
    private final PipelineMetrics metrics;
    private final WorkingThreads working;
    /** The last transaction end the mapper received, and the last every sink acknowledged: equal when caught up. */
    private volatile TransactionCommitted lastReceived;
    private volatile TransactionCommitted lastAcknowledged;
    /** Commit time of the first transaction received after the pipeline was last caught up. */
    private volatile long behindSinceMillis;

    public SyncPipeline(ChangeMapper mapper, List<Sink> sinks, StateFile stateFile, BulkConfig bulk,
                        int queueCapacity, int inFlightBatches, Set<TableId> mappedTables, DdlConfig ddlPolicies,
                        Clock clock) {
        this(mapper, sinks, stateFile, bulk, queueCapacity, inFlightBatches, mappedTables, ddlPolicies, clock,
                PipelineMetrics.NONE);
    }

    public SyncPipeline(ChangeMapper mapper, List<Sink> sinks, StateFile stateFile, BulkConfig bulk,
                        int queueCapacity, int inFlightBatches, Set<TableId> mappedTables, DdlConfig ddlPolicies,
                        Clock clock, PipelineMetrics metrics) {
        this.metrics = metrics;
        this.working = new WorkingThreads(clock);
        this.handoff = new EventHandoff(queueCapacity, EVENTS_PER_HANDOFF);
        this.writers = new BatchWriters(inFlightBatches, this::writeBatch, this::fail, handoff::wake);
        this.mapper = mapper;
        this.assembler = new BatchAssembler(bulk, mapper.related());
        this.sinks = List.copyOf(sinks);
        this.saver = new CheckpointSaver(stateFile, checkpoint -> {
            acknowledged = checkpoint;
            metrics.checkpointSaved(checkpoint);
        }, this::fail);
        this.ddlPolicy = new DdlPolicy(mapper, ddlPolicies, mappedTables);
        this.clock = clock;
        metrics.watch(new PipelineGauges() {
            @Override
            public int queuedEvents() {
                return handoff.queued();
            }

            @Override
            public int inFlightBatches() {
                return writers.busy();
            }

            @Override
            public double lagSeconds() {
                return SyncPipeline.this.lagSeconds();
            }

            @Override
            public double backpressureSeconds() {
                return handoff.waitedSeconds();
            }
        });
    }

    /** See {@link PipelineGauges#lagSeconds()}. */
    public double lagSeconds() {
        TransactionCommitted received = lastReceived;
        TransactionCommitted done = lastAcknowledged;
        if (received == null || received == done) {
            return 0;
        }
        long since = Math.max(behindSinceMillis, done == null ? 0 : done.commitMillis());
        return since <= 0 ? 0 : Math.max(0, clock.millis() - since) / 1000.0;
    }

    /** When each pipeline thread began the work it is on, for telling a wedged thread (see {@link WorkingThreads}). */
    public WorkingThreads working() {
        return working;
    }

    /** Where the source puts its events; blocks while the queue is full. */
    public ChangeEventHandler handler() {
        return handoff;
    }

    public synchronized void start(Checkpoint initial) {
        acknowledged = initial;
        saver.start();
        mapperThread = new Thread(this::mapLoop, "pipeline-mapper");
        mapperThread.start();
    }

    /** The last checkpoint every sink acknowledged and the state file holds. */
    public Checkpoint acknowledged() {
        return acknowledged;
    }

    private void mapLoop() {
        mapperMark = working.ofCurrentThread(false);
        try {
            while (true) {
                // woken by events, by a writer becoming free, at the open batch's max-wait, or to look for a drain
                long wait = Math.min(assembler.millisUntilDue(clock.millis()), 100);
                mapperMark.idle();
                List<ChangeEvent> received = handoff.poll(wait);
                mapperMark.working();
                if (received != null) {
                    for (int i = 0; i < received.size(); i++) {
                        handle(received.get(i));
                    }
                } else if (draining) {
                    break;
                }
                if (batchIsDue()) {
                    submit(assembler.take());
                }
            }
            if (!assembler.isEmpty()) {
                submit(assembler.take());
            }
            mapperMark.idle();
            writers.awaitIdle();
            if (!saver.flush(Duration.ofSeconds(30))) {
                throw new PipelineFailure("the last acknowledged position could not be saved within 30 s", null);
            }
            done.complete(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(new PipelineFailure("the pipeline was interrupted before it wrote everything it had received", e));
        } catch (RuntimeException | Error e) {
            fail(e);
        } finally {
            // a failed pipeline says so itself; it is not also wedged
            mapperMark.idle();
        }
    }

    /** Hands a batch to the writers; the mapper waiting for a free one is idle (back-pressure, not a wedge). */
    private void submit(PendingBatch batch) throws InterruptedException {
        mapperMark.idle();
        writers.submit(batch);
        mapperMark.working();
    }

    /**
     * Group commit: the open batch goes when nothing more waits to join it and a writer is free to take it at once;
     * while every writer is busy it fills until it is full or has waited {@code max-wait}.
     */
    private boolean batchIsDue() {
        return !assembler.isEmpty() && (assembler.isFull() || (handoff.isEmpty() && writers.hasIdleWriter())
                || assembler.millisUntilDue(clock.millis()) == 0);
    }

    private void handle(ChangeEvent event) throws InterruptedException {
        // Java 17 has no pattern switch; ChangeEvent is sealed to exactly these four
        if (event instanceof RowsChanged rows) {
            metrics.rowsRead(rows.table(), rows.kind(), rows.rows().size());
            try {
                long now = clock.millis();
                mapper.map(rows, operation -> assembler.add(operation, now));
            } catch (MappingMismatchException e) {
                String changedBy = ddlPolicy.lastOn(rows.table()).map(ddl -> "; the table changed with the DDL at"
                        + " binlog " + ddl.position() + ": " + ddl.abbreviated()).orElse("");
                throw new PipelineFailure("cannot map rows of " + rows.table() + " at binlog " + rows.position() + ": "
                        + e.getMessage() + changedBy + ". Change the mapping to fit, then restart:"
                        + " the position was not advanced", e);
            } catch (RuntimeException e) {
                throw new PipelineFailure("cannot map a row of " + rows.table() + " at binlog " + rows.position()
                        + ": " + e.getMessage(), e);
            }
            if (assembler.isFull()) {
                submit(assembler.take());
            }
        } else if (event instanceof TransactionCommitted commit) {
            if (lastReceived == lastAcknowledged) {
                // a rotation has no commit time: behind since it arrived
                behindSinceMillis = commit.commitMillis() > 0 ? commit.commitMillis() : clock.millis();
            }
            lastReceived = commit;
            assembler.commit(commit, clock.millis());
        } else if (event instanceof SchemaChanged ddl) {
            onSchemaChange(ddl);
        } else if (event instanceof SourceFailed failed) {
            throw new PipelineFailure(failed.message(), failed.cause());
        }
    }

    /** A TRUNCATE's index clears open a batch of their own, after everything before them is written. */
    private void onSchemaChange(SchemaChanged ddl) throws InterruptedException {
        if (ddl.kind() == io.binlogsync.event.DdlKind.TRUNCATE) {
            mapper.related().truncated(ddl); // documents that join the table: rebuilt on the side lane
        }
        List<ClearIndex> clears = ddlPolicy.apply(ddl);
        if (ddl.kind() != io.binlogsync.event.DdlKind.TRUNCATE) {
            try {
                mapper.related().schemaChanged(ddl); // joins of the changed tables: re-read, or stop before the DDL
            } catch (IllegalStateException e) {
                throw new PipelineFailure(e.getMessage(), e);
            }
        }
        if (clears.isEmpty()) {
            return;
        }
        if (!assembler.isEmpty()) {
            submit(assembler.take());
        }
        long now = clock.millis();
        for (ClearIndex clear : clears) {
            assembler.add(clear, now);
        }
    }

    /** On a writer thread: every sink, then the checkpoint of the acknowledged run, saved in order. */
    private void writeBatch(PendingBatch batch) throws InterruptedException {
        WorkingThreads.Mark writing = working.ofCurrentThread(true);
        writing.working();
        try {
            writeToSinks(batch);
        } finally {
            writing.idle();
        }
    }

    private void writeToSinks(PendingBatch batch) throws InterruptedException {
        SinkBatch work = batch.withRebuilt();
        for (Sink sink : sinks) {
            long started = System.nanoTime();
            try {
                sink.write(work);
            } catch (RuntimeException e) {
                metrics.batchFailed(sink.name(), e);
                throw e;
            }
            metrics.batchWritten(sink.name(), work, System.nanoTime() - started);
        }
        synchronized (acknowledgedPrefix) {
            if (stopped) {
                // abandoned at shutdown: the next daemon may already own the state file
                return;
            }
            Optional<TransactionCommitted> reached = acknowledgedPrefix.acknowledge(batch.sequence(), batch.checkpoint());
            if (reached.isPresent()) {
                TransactionCommitted committed = reached.get();
                lastAcknowledged = committed;
                Checkpoint checkpoint = new Checkpoint(committed.resumeAt(), committed.gtid(),
                        acknowledged.origin().map(origin -> new StreamOrigin(committed.serverId(), origin.versions())),
                        clock.instant());
                // saved on the saver's thread: writers go on with the next batch while the disk syncs
                saver.offer(checkpoint);
            }
        }
    }

    private void fail(Throwable e) {
        if (done.completeExceptionally(e)) {
            if (mapperThread != null) {
                mapperThread.interrupt();
            }
            writers.stop();
        }
    }

    /** Blocks until the pipeline stops; returns why it failed, or empty after a clean stop. */
    public Optional<Throwable> awaitTermination() throws InterruptedException {
        try {
            done.get();
            return Optional.empty();
        } catch (java.util.concurrent.ExecutionException e) {
            return Optional.of(e.getCause());
        }
    }

    /** Why the pipeline failed, if it has; does not wait. */
    public Optional<Throwable> failure() {
        if (!done.isCompletedExceptionally()) {
            return Optional.empty();
        }
        try {
            done.join();
            return Optional.empty();
        } catch (java.util.concurrent.CompletionException e) {
            return Optional.of(e.getCause());
        }
    }

    /**
     * Writes what was received (the source must be stopped first), saves the position, and stops. Gives up after
     * {@code timeout}, leaving the saved position where the sinks last acknowledged.
     */
    public void close(Duration timeout) {
        draining = true;
        if (mapperThread == null) {
            return;
        }
        try {
            done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("stopping before the sinks acknowledged everything (waited {} s); the saved position stays at {}",
                    timeout.toSeconds(), acknowledged.position());
            done.completeExceptionally(new PipelineFailure("the sinks did not acknowledge everything within the"
                    + " shutdown timeout of " + timeout.toSeconds() + " s; the saved position stays at "
                    + acknowledged.position() + " and the rest is read again at the next start", e));
            stopped = true;
            mapperThread.interrupt();
            writers.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            // already reported through awaitTermination
        }
        joinQuietly(mapperThread);
        stopped = true;
        writers.stop();
        // what every sink acknowledged is saved before the state file's lock can pass to another daemon
        try {
            saver.flush(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        saver.stop();
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
