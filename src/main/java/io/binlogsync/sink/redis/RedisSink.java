package io.binlogsync.sink.redis;

import io.binlogsync.config.RedisConfig;
import io.binlogsync.retry.OutageLog;
import io.binlogsync.sink.RetryCause;
import io.binlogsync.sink.RetryingWriter;
import io.binlogsync.sink.Sink;
import io.binlogsync.sink.SinkBatch;
import io.binlogsync.sink.SinkMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.PipelineBase;
import redis.clients.jedis.Response;
import redis.clients.jedis.util.JedisClusterCRC16;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Deletes cache keys with pipelined {@code DEL}s, up to 500 keys a command; in a cluster, one {@code DEL} per hash
 * slot (so never CROSSSLOT), pipelined per node. A deletion is idempotent, so a retry or a replay only deletes again:
 * after a lost connection, a failover or a moved slot the whole batch is sent again. {@link RedisFailures} says
 * which failures are retried and which stop.
 */
public final class RedisSink implements Sink {
    /** {@link #name()}: how the pipeline's metrics tell this sink, which writes a batch's keys, from the others. */
    public static final String NAME = "redis";
    private static final Logger log = LoggerFactory.getLogger(RedisSink.class);
    private static final int KEYS_PER_COMMAND = 500;

    private final RedisConfig config;
    private final RetryingWriter retrying;
    private final OutageLog outage;
    private final RedisFailures failures;
    private RedisConnection connection;
    private boolean closed;

    public RedisSink(RedisConfig config, Duration initialBackoff, Duration maxBackoff, Clock clock) {
        this(config, initialBackoff, maxBackoff, clock, SinkMetrics.NONE);
    }

    /** @param metrics counts the retries */
    public RedisSink(RedisConfig config, Duration initialBackoff, Duration maxBackoff, Clock clock,
                     SinkMetrics metrics) {
        this.config = config;
        this.failures = new RedisFailures(config);
        this.outage = new OutageLog(log, config.describe(), clock);
        this.retrying = new RetryingWriter(initialBackoff, maxBackoff, outage, name(), metrics);
    }

    @Override
    public java.util.Optional<String> outage() {
        return outage.outage();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void write(SinkBatch batch) throws InterruptedException {
        List<String> keys = batch.keys();
        if (keys.isEmpty()) {
            return;
        }
        retrying.run(() -> delete(keys));
    }

    private void delete(List<String> keys) throws RetryingWriter.RetriableException {
        RedisConnection redis = null;
        try {
            redis = connection();
            List<Response<Long>> replies = new ArrayList<>();
            Response<Long> replicated = null;
            try (PipelineBase pipeline = redis.pipelined()) {
                for (List<String> group : commandGroups(keys, redis.isCluster())) {
                    replies.add(pipeline.del(group.toArray(String[]::new)));
                }
                if (config.waitReplicas() > 0) {
                    // the key only routes the command; WAIT counts replicas for this connection's writes
                    replicated = pipeline.waitReplicas(keys.get(0), config.waitReplicas(), waitMillis());
                }
                pipeline.sync();
            }
            // sync() keeps each command's error in its reply; get() throws it
            for (Response<Long> reply : replies) {
                reply.get();
            }
            if (replicated != null && replicated.get() < config.waitReplicas()) {
                // the deletions may be lost in a failover: delete again until enough replicas have them
                throw new RetryingWriter.RetriableException("only " + replicated.get() + " of the "
                        + config.waitReplicas() + " replicas of redis.wait-replicas acknowledged the deletions within "
                        + waitMillis() + " ms", null, RetryCause.REPLICAS);
            }
        } catch (RuntimeException e) {
            RedisConnection failed = redis;
            throw failures.classify("DEL", e, () -> {
                if (failed != null) {
                    failed.refreshSlots();
                }
            });
        }
    }

    /** WAIT's own timeout: half the socket timeout, so that the reply comes before the socket gives up. */
    private long waitMillis() {
        return Math.max(1, config.socketTimeout().toMillis() / 2);
    }

    /** Chunks of at most 500 keys; in a cluster each chunk's keys share one hash slot. */
    private static List<List<String>> commandGroups(List<String> keys, boolean bySlot) {
        List<List<String>> groups = new ArrayList<>();
        if (!bySlot) {
            chunk(keys, groups);
            return groups;
        }
        Map<Integer, List<String>> slots = new TreeMap<>();
        for (String key : keys) {
            slots.computeIfAbsent(JedisClusterCRC16.getSlot(key), slot -> new ArrayList<>()).add(key);
        }
        slots.values().forEach(slotKeys -> chunk(slotKeys, groups));
        return groups;
    }

    private static void chunk(List<String> keys, List<List<String>> into) {
        for (int from = 0; from < keys.size(); from += KEYS_PER_COMMAND) {
            into.add(keys.subList(from, Math.min(keys.size(), from + KEYS_PER_COMMAND)));
        }
    }

    private synchronized RedisConnection connection() {
        if (closed) {
            throw new IllegalStateException("the Redis sink is closed");
        }
        if (connection == null) {
            connection = RedisConnection.open(config);
        }
        return connection;
    }

    /** Connects and sends PING (to every node of a cluster); a refused login or certificate throws at once. */
    @Override
    public void ping() {
        try {
            connection().ping();
        } catch (RuntimeException e) {
            RetryingWriter.RetriableException retriable = failures.classify("PING", e, () -> {
            });
            throw new IllegalStateException(config.describe() + ": " + retriable.getMessage(), retriable.getCause());
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }
}
