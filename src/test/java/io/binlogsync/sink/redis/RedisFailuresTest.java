package io.binlogsync.sink.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.binlogsync.config.RedisConfig;
import io.binlogsync.sink.SinkRejectedException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisAskDataException;
import redis.clients.jedis.exceptions.JedisClusterOperationException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisMovedDataException;

/** Which Redis replies stop the daemon and which are retried; the exceptions are the ones Jedis throws for them. */
class RedisFailuresTest {
    private static final RedisConfig CLUSTER = new RedisConfig(new RedisConfig.Cluster(List.of(
            new RedisConfig.Endpoint("n1", 7000))), Optional.of("binlog_sync"), Optional.of("pw"), 0,
            Duration.ofSeconds(2), Duration.ofSeconds(2), Optional.empty(), 0);
    private final RedisFailures failures = new RedisFailures(CLUSTER);
    private final AtomicInteger refreshes = new AtomicInteger();

    @Test
    void aRefusedLoginStopsNamingTheUserAndTheSettings() {
        SinkRejectedException e = assertThrows(SinkRejectedException.class, () -> failures.classify("DEL",
                new JedisAccessControlException("WRONGPASS invalid username-password pair or user is disabled."),
                refreshes::incrementAndGet));
        assertTrue(e.getMessage().contains("refused the login of user binlog_sync: WRONGPASS"), e.getMessage());
        assertTrue(e.getMessage().contains("redis.password"), e.getMessage());
    }

    @Test
    void aRefusedLoginKeptAsASuppressedFailureOfEverySeedStopsToo() {
        JedisClusterOperationException noSlotMap = new JedisClusterOperationException(
                "Could not initialize cluster slots cache.");
        noSlotMap.addSuppressed(new JedisAccessControlException("WRONGPASS invalid username-password pair"));
        assertThrows(SinkRejectedException.class, () -> failures.classify("PING", noSlotMap,
                refreshes::incrementAndGet));
    }

    @Test
    void noPermStopsNamingTheGrantForThisDeployment() {
        SinkRejectedException e = assertThrows(SinkRejectedException.class, () -> failures.classify("DEL",
                new JedisAccessControlException("NOPERM No permissions to access a key"), refreshes::incrementAndGet));
        assertTrue(e.getMessage().contains("refused DEL to user binlog_sync: NOPERM"), e.getMessage());
        assertTrue(e.getMessage().contains("ACL SETUSER binlog_sync +ping +del +cluster|slots ~PREFIX*"),
                e.getMessage());
    }

    @Test
    void failoversMovedSlotsAndLostConnectionsAreRetriedAfterReadingTheSlotMapAgain() {
        for (RuntimeException passing : List.of(
                new JedisConnectionException("Failed to connect to 127.0.0.1:7001."),
                new JedisMovedDataException("MOVED 3999 127.0.0.1:7002", new HostAndPort("127.0.0.1", 7002), 3999),
                new JedisAskDataException("ASK 3999 127.0.0.1:7002", new HostAndPort("127.0.0.1", 7002), 3999),
                new JedisDataException("READONLY You can't write against a read only replica."),
                new JedisDataException("CLUSTERDOWN The cluster is down"),
                new JedisDataException("TRYAGAIN Multiple keys request during rehashing of slot"),
                new JedisDataException("LOADING Redis is loading the dataset in memory"))) {
            assertEquals(passing, failures.classify("DEL", passing, refreshes::incrementAndGet).getCause());
        }
        assertEquals(7, refreshes.get());
    }

    @Test
    void aBugIsNotTakenForAnOutage() {
        NullPointerException bug = new NullPointerException("a bug");
        assertEquals(bug, assertThrows(NullPointerException.class, () -> failures.classify("DEL", bug,
                refreshes::incrementAndGet)));
    }

    @Test
    void anyOtherErrorReplyStops() {
        SinkRejectedException e = assertThrows(SinkRejectedException.class, () -> failures.classify("DEL",
                new JedisDataException("CROSSSLOT Keys in request don't hash to the same slot"),
                refreshes::incrementAndGet));
        assertTrue(e.getMessage().contains("refused DEL: CROSSSLOT"), e.getMessage());
        assertTrue(!e.getMessage().contains("pw"), e.getMessage());
    }
}
