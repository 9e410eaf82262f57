package io.binlogsync.bench;

import io.binlogsync.config.SyncConfig;
import io.binlogsync.mapping.DocumentOperation;
import io.binlogsync.sink.SinkBatch;
import io.binlogsync.sink.es.ElasticsearchSink;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;

/**
 * The daemon's own client without the binlog: its captured documents sent through its sink (ElasticsearchSink, so
 * the same request building, external versions and response checks) with a given bulk size and number of requests
 * in flight, and nothing else: no binlog, no mapping, no Redis, no checkpoint. A reader thread feeds the senders.
 */
final class RawBulk {
    private static final List<DocumentOperation> END = List.of();

    private final SyncConfig config;
    private final Path captured;

    RawBulk(SyncConfig config, Path captured) {
        this.config = config;
        this.captured = captured;
    }

    /** Nanoseconds to send every captured operation into {@code index}. */
    long send(String index, int bulkSize, int inFlight, Duration deadline) throws Exception {
        BlockingQueue<List<DocumentOperation>> queue = new ArrayBlockingQueue<>(inFlight);
        ExecutorService threads = Executors.newFixedThreadPool(inFlight + 1);
        try (ElasticsearchSink sink = new ElasticsearchSink(config.elasticsearch(), Duration.ofMillis(100),
                Duration.ofSeconds(1), Clock.systemUTC(), Long.MAX_VALUE)) {
            long began = System.nanoTime();
            List<Future<?>> tasks = new ArrayList<>();
            tasks.add(threads.submit(() -> {
                CapturedDocuments.replay(captured, index, bulkSize, batch -> put(queue, batch));
                for (int i = 0; i < inFlight; i++) {
                    put(queue, END);
                }
                return null;
            }));
            for (int i = 0; i < inFlight; i++) {
                tasks.add(threads.submit(() -> {
                    for (List<DocumentOperation> batch = queue.take(); batch != END; batch = queue.take()) {
                        sink.write(new SinkBatch(batch, List.of()));
                    }
                    return null;
                }));
            }
            long end = System.nanoTime() + deadline.toNanos();
            for (Future<?> task : tasks) {
                task.get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            return System.nanoTime() - began;
        } finally {
            threads.shutdownNow();
        }
    }

    private static void put(BlockingQueue<List<DocumentOperation>> queue, List<DocumentOperation> batch) {
        try {
            queue.put(batch);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while feeding the raw _bulk senders", e);
        }
    }
}
