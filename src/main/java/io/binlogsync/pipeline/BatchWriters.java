package io.binlogsync.pipeline;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes batches on up to {@code inFlight} threads at once. {@link #submit} blocks while that many are in flight,
 * which is the back-pressure on the mapper. A batch that empties indices (a TRUNCATE) runs alone: after every
 * batch before it and before any batch after it. A failed write goes to the failure handler. Each writer that
 * finishes calls {@code freed}, so the mapper can send its open batch at once (group commit).
 */
final class BatchWriters {
    /** Writes one batch to every sink and records its acknowledgement. */
    @FunctionalInterface
    interface Writer {
        void write(PendingBatch batch) throws InterruptedException;
    }

    @FunctionalInterface
    interface FailureHandler {
        void failed(Throwable cause);
    }

    private final int inFlight;
    private final Semaphore permits;
    private final ExecutorService threads;
    private final Writer writer;
    private final FailureHandler failures;
    private final Runnable freed;

    BatchWriters(int inFlight, Writer writer, FailureHandler failures, Runnable freed) {
        this.inFlight = inFlight;
        this.permits = new Semaphore(inFlight);
        this.writer = writer;
        this.failures = failures;
        this.freed = freed;
        AtomicInteger number = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(inFlight, runnable -> {
            Thread thread = new Thread(runnable, "pipeline-writer-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    void submit(PendingBatch batch) throws InterruptedException {
        boolean alone = !batch.work().clears().isEmpty();
        if (alone) {
            awaitIdle();
        }
        permits.acquire();
        try {
            threads.execute(() -> {
                try {
                    writer.write(batch);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException | Error e) {
                    failures.failed(e);
                } finally {
                    permits.release();
                    freed.run();
                }
            });
        } catch (RuntimeException e) {
            permits.release();
            throw e;
        }
        if (alone) {
            awaitIdle();
        }
    }

    /** Whether {@link #submit} would find a writer free now (only the mapper thread submits, so it stays true). */
    boolean hasIdleWriter() {
        return permits.availablePermits() > 0;
    }

    /** Batches being written now. */
    int busy() {
        return inFlight - permits.availablePermits();
    }

    /** Waits until no batch is in flight. */
    void awaitIdle() throws InterruptedException {
        permits.acquire(inFlight);
        permits.release(inFlight);
    }

    /** Abandons what is in flight: interrupts the writers (their position is not saved). Harmless twice. */
    void stop() {
        threads.shutdownNow();
        try {
            threads.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
