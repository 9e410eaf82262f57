package io.binlogsync.testing.servers;

import io.binlogsync.testing.HarnessLog;
import io.binlogsync.testing.Poll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One MariaDB, one Redis and one Elasticsearch, started together. {@link #shared()} gives every test
 * class of a JVM the same three; a shutdown hook stops them when the JVM exits, whatever happens.
 */
public final class TestServers implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    private static TestServers shared;
    private static RuntimeException sharedFailure;

    private final MariaDbServer mariadb;
    private final RedisServer redis;
    private final LocalSearchServer elasticsearch;
    private volatile boolean closed;

    private TestServers(MariaDbServer mariadb, RedisServer redis, LocalSearchServer elasticsearch) {
        this.mariadb = mariadb;
        this.redis = redis;
        this.elasticsearch = elasticsearch;
    }

    /** The JVM's servers, started on first use. A failure to start is remembered and rethrown, not retried. */
    public static synchronized TestServers shared() {
        if (sharedFailure != null) {
            throw new IllegalStateException("the test servers failed to start earlier in this JVM", sharedFailure);
        }
        if (shared == null || shared.closed) {
            try {
                shared = start();
            } catch (RuntimeException e) {
                sharedFailure = e;
                throw e;
            }
        }
        return shared;
    }

    /** Starts a new, independent set; the caller closes it (a shutdown hook does if the caller does not). */
    public static TestServers start() {
        TestServers servers = new TestServers(new MariaDbServer(), new RedisServer(), new LocalSearchServer());
        Runtime.getRuntime().addShutdownHook(new Thread(servers::close, "test-servers-shutdown"));
        servers.startAll();
        return servers;
    }

    public MariaDbServer mariadb() {
        return mariadb;
    }

    public RedisServer redis() {
        return redis;
    }

    public LocalSearchServer elasticsearch() {
        return elasticsearch;
    }

    /** Stops all three and deletes their directories; harmless twice. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<Throwable> failures = new ArrayList<>();
        for (AutoCloseable server : List.<AutoCloseable>of(elasticsearch, mariadb, redis)) {
            try {
                server.close();
            } catch (Exception | Error e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            IllegalStateException failure = new IllegalStateException("could not stop every test server", failures.get(0));
            failures.subList(1, failures.size()).forEach(failure::addSuppressed);
            throw failure;
        }
    }

    /** Elasticsearch is slowest, so it goes first; MariaDB and Redis start alongside it. */
    private void startAll() {
        long started = System.nanoTime();
        AtomicInteger threads = new AtomicInteger();
        ExecutorService starters = Executors.newFixedThreadPool(3, task -> {
            Thread thread = new Thread(task, "test-servers-start-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> starts = List.of(
                    starters.submit(elasticsearch::start),
                    starters.submit(mariadb::start),
                    starters.submit(redis::start));
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            for (Future<?> start : starts) {
                start.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (ExecutionException e) {
            throw abort(e.getCause());
        } catch (TimeoutException e) {
            throw abort(new IllegalStateException("the test servers did not start within " + Poll.format(START_TIMEOUT)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw abort(e);
        } finally {
            starters.shutdownNow();
        }
        HarnessLog.info("all test servers up in " + HarnessLog.secondsSince(started));
    }

    private RuntimeException abort(Throwable cause) {
        IllegalStateException failure = new IllegalStateException("could not start the test servers: " + cause.getMessage(), cause);
        try {
            close();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
        return failure;
    }
}
