package io.binlogsync.it;

import io.binlogsync.config.ConfigException;
import io.binlogsync.config.ConfigProblem;
import io.binlogsync.event.BinlogPosition;
import io.binlogsync.runtime.Daemon;
import io.binlogsync.testing.Poll;
import io.binlogsync.testing.TcpProxy;
import io.binlogsync.testing.servers.TestServers;
import io.binlogsync.testing.servers.TestServersExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Jedis;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Elasticsearch down under load, a document it rejects for good, and mappings that do not fit the tables. */
@ExtendWith(TestServersExtension.class)
class SinkFailuresIT {
    private static final String MAPPINGS = "[ { table = \"{db}.items\", index = \"{index}items\" } ]";

    private SyncFixture fixture;

    @BeforeEach
    void setUp(TestServers servers) throws SQLException {
        fixture = new SyncFixture(servers, "faults_" + Long.toString(System.nanoTime(), 36));
        fixture.createDatabase();
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void elasticsearchStoppedUnderLoadLosesNothing() throws Exception {
        long seed = System.nanoTime();
        Workload workload = new Workload(fixture.mariadb(), fixture.database(), seed, 5);
        Daemon daemon = fixture.start(fixture.config(MAPPINGS));
        workload.start();
        try {
            Poll.until(SyncFixture.DEADLINE, "first documents", () -> !fixture.documents(fixture.index("items")).isEmpty());
            fixture.servers.elasticsearch().stop();
            int before = workload.changes();
            Poll.until(Duration.ofSeconds(30), "changes while Elasticsearch is down", () -> workload.changes() > before + 50);
        } finally {
            fixture.servers.elasticsearch().start();
        }
        workload.close();
        fixture.awaitCaughtUp(daemon, Duration.ofSeconds(90));
        List<String> differences = fixture.itemsDifferences();
        assertTrue(differences.isEmpty(), "seed " + seed + ": " + differences);
    }

    @Test
    void redisUnreachableUnderLoadThenBackDeletesEveryKeyChangedMeanwhile() throws Exception {
        String mappings = "[ { table = \"{db}.items\", index = \"{index}items\", redis.invalidate = [\"{db}:item:{id}\"] } ]";
        String db = fixture.database();
        Workload workload = new Workload(fixture.mariadb(), db, System.nanoTime(), 5);
        try (TcpProxy proxy = new TcpProxy(fixture.servers.redis().port())) {
            String config = fixture.hocon(mappings).replace(fixture.servers.redis().uri(), "redis://127.0.0.1:" + proxy.port());
            Daemon daemon = fixture.start(io.binlogsync.config.ConfigLoader.parse(config, "redis-cut.conf", Map.of()));
            workload.start();
            Poll.until(SyncFixture.DEADLINE, "first documents", () -> !fixture.documents(fixture.index("items")).isEmpty());
            proxy.cut();
            workload.takeTouchedIds();
            int before = workload.changes();
            Poll.until(Duration.ofSeconds(30), "changes while Redis is cut off", () -> workload.changes() > before + 50);
            workload.close();
            Set<Integer> changedMeanwhile = workload.takeTouchedIds();
            BinlogPosition stuck = daemon.acknowledged().position();
            BinlogPosition end = fixture.currentPosition();
            assertTrue(stuck.compareTo(end) < 0, "no position past the cut is saved while Redis is unreachable");
            try (Jedis redis = fixture.redis()) {
                changedMeanwhile.forEach(id -> redis.set(db + ":item:" + id, "cached"));
                proxy.restore();
                fixture.awaitCaughtUp(daemon, Duration.ofSeconds(90));
                List<Integer> stillCached = changedMeanwhile.stream().filter(id -> redis.exists(db + ":item:" + id)).toList();
                assertTrue(stillCached.isEmpty(), changedMeanwhile.size() + " rows changed while Redis was cut off; keys"
                        + " never deleted: " + stillCached);
            }
        }
    }

    @Test
    void theSourceRestartedUnderLoadIsFollowedFromWhereItWas() throws Exception {
        long seed = System.nanoTime();
        Workload workload = new Workload(fixture.mariadb(), fixture.database(), seed, 5);
        Daemon daemon = fixture.start(fixture.config(MAPPINGS));
        workload.start();
        Poll.until(SyncFixture.DEADLINE, "first documents", () -> !fixture.documents(fixture.index("items")).isEmpty());
        fixture.mariadb().restart();
        int before = workload.changes();
        Poll.until(Duration.ofSeconds(30), "changes after the restart", () -> workload.changes() > before + 50);
        workload.close();
        fixture.awaitCaughtUp(daemon, Duration.ofSeconds(90));
        List<String> differences = fixture.itemsDifferences();
        assertTrue(differences.isEmpty(), "seed " + seed + ": " + differences);
    }

    @Test
    void aRejectedDocumentStopsTheDaemonNamingTableIdIndexAndReason() throws Exception {
        String index = fixture.index("items");
        fixture.sql("CREATE TABLE " + fixture.database() + ".items (id INT PRIMARY KEY, v INT, title VARCHAR(64))");
        assertTrue(fixture.servers.elasticsearch().request("PUT", "/" + index,
                "{\"mappings\":{\"dynamic\":\"strict\",\"properties\":{\"id\":{\"type\":\"integer\"},"
                        + "\"v\":{\"type\":\"integer\"}}}}").isSuccess());
        Daemon daemon = fixture.start(fixture.config(MAPPINGS));
        BinlogPosition before = daemon.acknowledged().position();
        fixture.sql("INSERT INTO " + fixture.database() + ".items VALUES (7, 1, 'not in the strict mapping')");
        Throwable failure = SyncFixture.awaitFailure(daemon);
        String message = failure.getMessage();
        for (String expected : List.of(fixture.database() + ".items", "id '7'", "index '" + index + "'",
                "strict_dynamic_mapping_exception")) {
            assertTrue(message.contains(expected), "'" + expected + "' missing in: " + message);
        }
        assertEquals(before, daemon.acknowledged().position(), "the position did not move past the rejected change");
    }

    @Test
    void mappingsThatDoNotFitTheTablesAreReportedWithTheirPaths() throws SQLException {
        fixture.sql("CREATE TABLE " + fixture.database() + ".items (id INT PRIMARY KEY, v INT, title VARCHAR(64))",
                "CREATE TABLE " + fixture.database() + ".nokey (v INT)");
        ConfigException error = assertThrows(ConfigException.class, () -> fixture.start(fixture.config("""
                [ { table = "{db}.missing", index = "a" }
                  { table = "{db}.items", index = "b", fields { exclude = ["nope"] }, redis.invalidate = ["x:{sku}"] }
                  { table = "{db}.nokey", index = "c" } ]""")));
        List<String> paths = error.problems().stream().map(ConfigProblem::path).toList();
        assertEquals(List.of("mappings[0].table", "mappings[1].fields.exclude[0]", "mappings[1].redis.invalidate[0]",
                "mappings[2].id"), paths, error.getMessage());
        assertTrue(error.getMessage().contains("has no primary key"), error.getMessage());
    }

}
