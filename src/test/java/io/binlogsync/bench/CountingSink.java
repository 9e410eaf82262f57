package io.binlogsync.bench;

import io.binlogsync.mapping.DocumentOperation;
import io.binlogsync.mapping.IndexDocument;
import io.binlogsync.sink.Sink;
import io.binlogsync.sink.SinkBatch;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Stands in for Elasticsearch and Redis in the reading-alone mode: counts what it is given and acknowledges it, and
 * tells the moment the expected number of documents has come (no polling: the harness takes no CPU meanwhile).
 */
final class CountingSink implements Sink {
    private final long expected;
    private final java.util.concurrent.CountDownLatch allCounted = new java.util.concurrent.CountDownLatch(1);
    private volatile long allCountedAt;

    private final AtomicLong documents = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong keys = new AtomicLong();
    /** System.nanoTime() of the first batch given (0 before any). */
    private volatile long firstWrite;

    /** @param expected the documents the run should bring */
    CountingSink(long expected) {
        this.expected = expected;
    }

    @Override
    public String name() {
        return "counting";
    }

    @Override
    public void write(SinkBatch batch) {
        long size = 0;
        for (DocumentOperation operation : batch.documents()) {
            if (operation instanceof IndexDocument index) {
                size += index.source().length;
            }
        }
        long counted = documents.addAndGet(batch.documents().size());
        bytes.addAndGet(size);
        keys.addAndGet(batch.keys().size());
        long now = System.nanoTime();
        if (firstWrite == 0) {
            firstWrite = now;
        }
        if (counted >= expected && allCountedAt == 0) {
            allCountedAt = now;
            allCounted.countDown();
        }
    }

    /** Waits until the expected documents have come; their System.nanoTime(), or throws at the deadline. */
    long awaitAll(java.time.Duration deadline) throws InterruptedException {
        if (!allCounted.await(deadline.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(documents.get() + " of " + expected + " documents counted within "
                    + deadline);
        }
        return allCountedAt;
    }

    long firstWriteNanos() {
        return firstWrite;
    }

    long documents() {
        return documents.get();
    }

    long bytes() {
        return bytes.get();
    }

    long keys() {
        return keys.get();
    }

    @Override
    public void ping() {
    }

    @Override
    public void close() {
    }
}
