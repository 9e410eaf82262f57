package io.binlogsync.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.Jedis;

/** A private, non-persistent Redis server on a free port of 127.0.0.1. */
public final class RedisServer implements AutoCloseable {

    private static final String HOST = "127.0.0.1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final int CLIENT_TIMEOUT_MILLIS = 2000;

    private volatile Path root;
    private volatile int port;
    private ServerProcess process;
    private boolean closed;
    private volatile boolean closeRequested;

    /** Starts the server and waits until it answers PING. */
    private int requestedPort;

    /** Listens on {@code fixedPort} instead of a free one (the demo's fixed ports); before the first start. */
    public RedisServer onPort(int fixedPort) {
        this.requestedPort = fixedPort;
        return this;
    }

    public synchronized RedisServer start() {
        if (closed) {
            throw new IllegalStateException("Redis server is closed");
        }
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("Redis server already running on port " + port);
        }
        long started = System.nanoTime();
        Path redisServer = Binaries.require("redis-server", "redis-server");
        if (root == null) {
            root = Directories.createTemp("binlogsync-redis-");
            port = requestedPort > 0 ? requestedPort : FreePort.find();
        }
        List<String> command = List.of(redisServer.toString(),
                "--port", String.valueOf(port),
                "--bind", HOST,
                "--save", "",
                "--appendonly", "no",
                "--dir", root.toString(),
                "--protected-mode", "no",
                "--daemonize", "no");
        process = ServerProcess.start("redis-server", command, Map.of(), root, root.resolve("redis.log"));
        try {
            Poll.until(START_TIMEOUT, "Redis on port " + port + " to answer PING", () -> {
                requireStillWanted();
                try (Jedis jedis = client()) {
                    return "PONG".equals(jedis.ping());
                }
            });
        } catch (RuntimeException | AssertionError e) {
            process.stop(STOP_TIMEOUT);
            throw e;
        }
        HarnessLog.info("Redis up on " + HOST + ":" + port + " in " + HarnessLog.secondsSince(started)
                + " (" + root + ")");
        return this;
    }

    /** SIGTERM, SIGKILL if it takes too long. Harmless when not running. */
    public synchronized void stop() {
        if (process != null && process.isAlive()) {
            process.stop(STOP_TIMEOUT);
        }
    }

    /** Stops and starts again on the same port (the data is not persisted, so it is gone). */
    public synchronized RedisServer restart() {
        stop();
        return start();
    }

    /** SIGKILL, as a crash would. */
    public synchronized void kill() {
        if (process != null && process.isAlive()) {
            process.kill();
        }
    }

    /** Stops the server and deletes its directory; harmless twice. */
    @Override
    public void close() {
        closeRequested = true; // makes a start in progress on another thread give up and release the lock
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            stop();
            Directories.delete(root);
        }
    }

    public String host() {
        return HOST;
    }

    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:PORT} */
    public String uri() {
        return "redis://" + HOST + ":" + port;
    }

    /** A new connection; the caller closes it. */
    public Jedis client() {
        return new Jedis(HOST, port, CLIENT_TIMEOUT_MILLIS);
    }

    private void requireStillWanted() {
        if (closeRequested) {
            throw new Poll.GiveUp("closed while starting");
        }
        process.requireAlive();
    }
}
