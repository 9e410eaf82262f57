package io.binlogsync.testing.servers;

import io.binlogsync.testing.Poll;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.Jedis;

/**
 * A private, non-persistent Redis server on a free port of 127.0.0.1; {@link #restart()} keeps the
 * port, but the data is gone.
 */
public final class RedisServer extends LocalServer<RedisServer> {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final int CLIENT_TIMEOUT_MILLIS = 2000;

    public RedisServer() {
        super("Redis", "binlogsync-redis-", STOP_TIMEOUT);
    }

    /** {@code redis://127.0.0.1:PORT} */
    public String uri() {
        return "redis://" + HOST + ":" + port();
    }

    /** A new connection; the caller closes it. */
    public Jedis client() {
        return new Jedis(HOST, port(), CLIENT_TIMEOUT_MILLIS);
    }

    @Override
    protected ServerProcess launch() {
        Path redisServer = Binaries.require("redis-server", "redis-server");
        List<String> command = List.of(redisServer.toString(),
                "--port", String.valueOf(port()),
                "--bind", HOST,
                "--save", "",
                "--appendonly", "no",
                "--dir", root().toString(),
                "--protected-mode", "no",
                "--daemonize", "no");
        return ServerProcess.start("redis-server", command, Map.of(), root(), root().resolve("redis.log"));
    }

    /** Waits until it answers PING. */
    @Override
    protected void awaitReady() {
        Poll.until(START_TIMEOUT, "Redis on port " + port() + " to answer PING", () -> {
            requireStillWanted();
            try (Jedis jedis = client()) {
                return "PONG".equals(jedis.ping());
            }
        });
    }
}
