package io.binlogsync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.binlogsync.config.ConfigLoader;
import io.binlogsync.event.BinlogPosition;
import io.binlogsync.config.SyncConfig;
import io.binlogsync.runtime.Components;
import io.binlogsync.runtime.Daemon;
import io.binlogsync.sink.SinkRejectedException;
import io.binlogsync.testing.Poll;
import io.binlogsync.testing.servers.RedisClusterSet;
import io.binlogsync.testing.servers.RedisServer;
import io.binlogsync.testing.servers.TestServers;
import io.binlogsync.testing.servers.TestServersExtension;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Jedis;

/**
 * A Redis Cluster of three primaries. Each cache key is set on the node that owns its slot; rows change in
 * transactions of ten (so one batch holds keys of many slots on every node); one node is stopped and started again
 * in the middle of the stream, and later 500 slots move between nodes with their keys (MOVED and ASK). At the end, asked node by node, every key of a changed row is gone from its owner,
 * every key of an unchanged row is still there (the restarted node kept its keys), and no node saw CROSSSLOT.
 */
@ExtendWith(TestServersExtension.class)
class RedisClusterIT {
    private static final String MAPPINGS = "[ { table = \"{db}.items\", index = \"{index}items\","
            + " redis.invalidate = [\"cache:{db}:item:{id}\"] } ]";
    private static final int CHANGED_ROWS = 300;
    private static final int UNCHANGED_ROWS = 60;
    private static final int ROWS_PER_TRANSACTION = 10;
    private static final String PASSWORD = "Cluster-pw-" + System.nanoTime();
    /** The minimal ACL of docs/security.md for a cluster. */
    private static final String ACL = "user binlog_sync on >" + PASSWORD + " ~cache:* resetchannels -@all"
            + " +ping +del +cluster|slots";

    private static RedisClusterSet cluster;

    @BeforeAll
    static void startCluster() {
        cluster = new RedisClusterSet().withAcl(ACL).start();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void everyInvalidationReachesTheNodeOwningItsSlotThroughANodeRestart(TestServers servers) throws Exception {
        try (SyncFixture fixture = new SyncFixture(servers, "redis_cluster_" + Long.toString(System.nanoTime(), 36))) {
            String db = fixture.database();
            fixture.createDatabase("CREATE TABLE {db}.items (id INT PRIMARY KEY, v INT)");
            Map<RedisServer, Integer> keysPerNode = new HashMap<>();
            for (int id = 1; id <= CHANGED_ROWS + UNCHANGED_ROWS; id++) {
                String key = key(db, id);
                RedisServer owner = cluster.ownerOf(key);
                keysPerNode.merge(owner, 1, Integer::sum);
                try (Jedis node = owner.client()) {
                    node.set(key, "cached");
                }
            }
            assertEquals(3, keysPerNode.size(), "the keys spread over every node: " + keysPerNode.values());

            SyncConfig config = ConfigLoader.parse(fixture.hocon(MAPPINGS) + "redis = null\n"
                    + redisSection(PASSWORD), "cluster.conf", Map.of());
            try (Components components = new Components(config, Clock.systemUTC())) {
                components.redisProbe().ping(); // what `check` runs: PING every node
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
            RedisServer restarted = cluster.nodes().get(1);
            int transactions = CHANGED_ROWS / ROWS_PER_TRANSACTION;
            for (int t = 0; t < transactions; t++) {
                if (t == transactions / 3) {
                    fixture.awaitCaughtUp(daemon, SyncFixture.DEADLINE);
                    restarted.stop();
                }
                changeRows(fixture, db, t);
                if (t == transactions / 3 + 3) {
                    // the daemon keeps up (everything before the stop was acknowledged at once), yet for 3 s it
                    // acknowledges nothing past keys of the stopped node: it is retrying them, not skipping them
                    BinlogPosition end = fixture.currentPosition();
                    assertFalse(Poll.tryUntil(Duration.ofSeconds(3), "an acknowledgement past a stopped node's keys",
                            () -> daemon.acknowledged().position().compareTo(end) >= 0),
                            "a position past keys of a stopped node was acknowledged");
                    SyncFixture.requireRunning(daemon);
                    restarted.start();
                }
                if (t == 2 * transactions / 3) {
                    cluster.awaitHealthy();
                    cluster.reshard(0, 2, 500);
                }
            }
            cluster.awaitHealthy();
            fixture.awaitCaughtUp(daemon, Duration.ofSeconds(90));

            List<String> stale = new ArrayList<>();
            List<String> lost = new ArrayList<>();
            for (int id = 1; id <= CHANGED_ROWS + UNCHANGED_ROWS; id++) {
                String key = key(db, id);
                RedisServer owner = cluster.ownerOf(key);
                try (Jedis node = owner.client()) {
                    boolean exists = node.exists(key);
                    if (id <= CHANGED_ROWS && exists) {
                        stale.add(key + " on " + owner.port());
                    } else if (id > CHANGED_ROWS && !exists) {
                        lost.add(key + " on " + owner.port());
                    }
                }
            }
            assertTrue(stale.isEmpty(), "keys of changed rows left on their owners: " + stale);
            assertTrue(lost.isEmpty(), "keys of unchanged rows gone (restart lost data?): " + lost);
            for (RedisServer node : cluster.nodes()) {
                try (Jedis jedis = node.client()) {
                    assertTrue(jedis.info("commandstats").contains("cmdstat_del:"), "node " + node.port()
                            + " received DELs");
                    assertFalse(jedis.info("errorstats").contains("CROSSSLOT"), "node " + node.port()
                            + " answered CROSSSLOT: " + jedis.info("errorstats"));
                }
            }
            fixture.sql("DROP DATABASE IF EXISTS " + db);
        }
    }

    /** Transaction {@code t}: inserts its ten rows. */
    private static void changeRows(SyncFixture fixture, String db, int t) throws SQLException {
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < ROWS_PER_TRANSACTION; i++) {
            int id = 1 + t * ROWS_PER_TRANSACTION + i;
            values.append(i == 0 ? "" : ", ").append("(").append(id).append(", ").append(t).append(")");
        }
        fixture.sql("INSERT INTO " + db + ".items VALUES " + values);
    }

    private static String key(String db, int id) {
        return "cache:" + db + ":item:" + id;
    }

    private static String redisSection(String password) {
        return "redis { cluster { nodes = " + cluster.nodesHocon() + " }, socket-timeout = 1s,"
                + " user = binlog_sync, password = \"" + password + "\" }\n";
    }
}
