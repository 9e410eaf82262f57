package io.binlogsync.sink.redis;

import io.binlogsync.config.RedisConfig;
import io.binlogsync.retry.OutageLog;
import io.binlogsync.sink.RetryingWriter;
import io.binlogsync.sink.Sink;
import io.binlogsync.sink.SinkBatch;
import io.binlogsync.sink.SinkRejectedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletes cache keys with pipelined {@code DEL}s, up to 500 keys a command. A deletion is idempotent, so a replay
 * only deletes again. Connection failures and a loading or busy server are retried; a refused login stops.
 */
public final class RedisSink implements Sink {
    private static final Logger log = LoggerFactory.getLogger(RedisSink.class);
    private static final int KEYS_PER_COMMAND = 500;

    private final JedisPooled redis;
    private final RetryingWriter retrying;

    public RedisSink(RedisConfig config, Duration initialBackoff, Duration maxBackoff, Clock clock) {
        this.redis = new JedisPooled(config.uri());
        this.retrying = new RetryingWriter(initialBackoff, maxBackoff,
                new OutageLog(log, "Redis " + config.uri().getHost() + ":" + config.uri().getPort(), clock));
    }

    @Override
    public String name() {
        return "redis";
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
        try {
            List<Response<Long>> replies = new ArrayList<>();
            try (Pipeline pipeline = redis.pipelined()) {
                for (int from = 0; from < keys.size(); from += KEYS_PER_COMMAND) {
                    List<String> chunk = keys.subList(from, Math.min(keys.size(), from + KEYS_PER_COMMAND));
                    replies.add(pipeline.del(chunk.toArray(String[]::new)));
                }
                pipeline.sync();
            }
            // sync() keeps each command's error in its reply; get() throws it
            for (Response<Long> reply : replies) {
                reply.get();
            }
        } catch (JedisAccessControlException e) {
            throw new SinkRejectedException("Redis refused the login: " + e.getMessage()
                    + "; check the user and password in redis.uri", e);
        } catch (JedisConnectionException e) {
            throw new RetryingWriter.RetriableException("Redis connection failed", e);
        } catch (JedisDataException e) {
            String message = String.valueOf(e.getMessage());
            if (message.startsWith("LOADING") || message.startsWith("BUSY") || message.startsWith("TRYAGAIN")
                    || message.startsWith("CLUSTERDOWN") || message.startsWith("MASTERDOWN")
                    || message.startsWith("READONLY")) {
                throw new RetryingWriter.RetriableException("Redis is not ready: " + message, e);
            }
            throw new SinkRejectedException("Redis refused DEL: " + message + "; check the user's permissions (it"
                    + " needs DEL on the keys) and that redis.uri names a primary, not a cluster node", e);
        }
    }

    @Override
    public void ping() {
        redis.ping();
    }

    @Override
    public void close() {
        redis.close();
    }
}
