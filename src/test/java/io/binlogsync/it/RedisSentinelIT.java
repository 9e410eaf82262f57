package io.binlogsync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.binlogsync.config.ConfigLoader;
import io.binlogsync.config.SyncConfig;
import io.binlogsync.runtime.Components;
import io.binlogsync.runtime.Daemon;
import io.binlogsync.sink.SinkRejectedException;
import io.binlogsync.testing.Poll;
import io.binlogsync.testing.servers.RedisSentinelSet;
import io.binlogsync.testing.servers.RedisServer;
import io.binlogsync.testing.servers.TestServers;
import io.binlogsync.testing.servers.TestServersExtension;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisSentineled;

/**
 * Redis behind Sentinel: a primary, a replica and three sentinels. While rows change (each change preceded by a
 * stale cache entry for its row, as a web tier would leave), the test forces {@code SENTINEL FAILOVER}; the daemon
 * follows the sentinels to the new primary, and at the end no stale entry is left there and every change reached
 * Elasticsearch.
 */
@ExtendWith(TestServersExtension.class)
class RedisSentinelIT {
    private static final String MAPPINGS = "[ { table = \"{db}.items\", index = \"{index}items\","
            + " redis.invalidate = [\"cache:{db}:item:{id}\"] } ]";
    private static final int ROWS = 100;
    private static final int CHANGES_BEFORE_FAILOVER = 150;
    private static final int CHANGES = 300;

    private static final String PASSWORD = "Sentinel-pw-" + System.nanoTime();
    /** The minimal ACL of docs/security.md with wait-replicas (the sentinels themselves have no password here). */
    private static final String ACL = "user binlog_sync on >" + PASSWORD + " ~cache:* resetchannels -@all"
            + " +ping +del +wait";

    private static RedisSentinelSet sentinels;

    @BeforeAll
    static void startSentinels() {
        sentinels = new RedisSentinelSet().withAcl(ACL).start();
    }

    @AfterAll
    static void stopSentinels() {
        if (sentinels != null) {
            sentinels.close();
        }
    }

    @Test
    void keysGoToWhicheverNodeSentinelNamesPrimaryThroughAFailover(TestServers servers) throws Exception {
        try (SyncFixture fixture = new SyncFixture(servers, "redis_sentinel_" + Long.toString(System.nanoTime(), 36));
             JedisSentineled cache = new JedisSentineled(RedisSentinelSet.MASTER_NAME,
                     DefaultJedisClientConfig.builder().build(), sentinelHosts(),
                     DefaultJedisClientConfig.builder().build())) {
            String db = fixture.database();
            fixture.createDatabase("CREATE TABLE {db}.items (id INT PRIMARY KEY, v INT)");
            SyncConfig config = ConfigLoader.parse(fixture.hocon(MAPPINGS) + "redis = null\n"
                    + redisSection(PASSWORD), "sentinel.conf", Map.of());
            try (Components components = new Components(config, Clock.systemUTC())) {
                components.redisProbe().ping(); // what `check` runs: PING the primary the sentinels name
            }
            SyncConfig wrongPassword = ConfigLoader.parse(fixture.hocon(MAPPINGS) + "redis = null\n"
                    + redisSection("Wrong-" + PASSWORD), "wrong.conf", Map.of());
            try (Components components = new Components(wrongPassword, Clock.systemUTC())) {
                String refused = assertThrows(SinkRejectedException.class, () -> components.redisProbe().ping())
                        .getMessage();
                assertTrue(refused.contains("refused the login of user binlog_sync: WRONGPASS"), refused);
                assertFalse(refused.contains(PASSWORD), refused);
            }
            Daemon daemon = fixture.start(config);
            RedisServer before = sentinels.currentPrimary();

            Set<Integer> touched = new TreeSet<>();
            CompletableFuture<RedisServer> failover = null;
            int last = -1;
            // at least CHANGES changes, and more while the failover lasts
            for (int change = 0; change < CHANGES || !failover.isDone(); change++) {
                last = change;
                int id = 1 + change % ROWS;
                String key = "cache:" + db + ":item:" + id;
                // the cache entry a reader left before the row changed; retried while the primary moves
                Poll.until(SyncFixture.DEADLINE, "SET " + key + " on the current primary", () -> {
                    cache.set(key, "stale");
                    return true;
                });
                fixture.sql("INSERT INTO " + db + ".items VALUES (" + id + ", " + change + ")"
                        + " ON DUPLICATE KEY UPDATE v = " + change);
                touched.add(id);
                if (change == CHANGES_BEFORE_FAILOVER) {
                    failover = CompletableFuture.supplyAsync(sentinels::failover);
                }
            }
            RedisServer after = failover.get();
            assertNotSame(before, after, "the sentinels promoted the replica");

            fixture.awaitCaughtUp(daemon, Duration.ofSeconds(90));
            try (Jedis primary = after.client()) {
                List<String> stale = touched.stream().map(id -> "cache:" + db + ":item:" + id)
                        .filter(primary::exists).toList();
                assertTrue(stale.isEmpty(), "stale keys left on the new primary: " + stale);
                assertTrue(primary.info("commandstats").contains("cmdstat_del:"),
                        "the daemon deleted on the new primary after the failover");
            }
            Poll.until(SyncFixture.DEADLINE, "every row in Elasticsearch",
                    () -> fixture.documents(fixture.index("items")).size() == ROWS);
            assertEquals(String.valueOf(last), fixture.documents(fixture.index("items"))
                    .get(String.valueOf(1 + last % ROWS)).path("v").asText(), "the last change arrived");
            fixture.sql("DROP DATABASE IF EXISTS " + db);
        }
    }

    private static Set<HostAndPort> sentinelHosts() {
        return sentinels.sentinelNodes().stream().map(HostAndPort::from).collect(Collectors.toSet());
    }

    private static String redisSection(String password) {
        return "redis { sentinel { master-name = " + RedisSentinelSet.MASTER_NAME + ", nodes = "
                + sentinels.sentinelNodesHocon() + " }, wait-replicas = 1, socket-timeout = 1s,"
                + " user = binlog_sync, password = \"" + password + "\" }\n";
    }
}
