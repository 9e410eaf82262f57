package io.binlogsync.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.binlogsync.config.ConfigException;
import io.binlogsync.config.ConfigLoader;
import io.binlogsync.config.SyncConfig;
import io.binlogsync.runtime.Daemon;
import io.binlogsync.testing.Poll;
import io.binlogsync.testing.servers.SourceServer;
import io.binlogsync.testing.servers.TestServers;
import io.binlogsync.testing.servers.TestServersExtension;
import io.binlogsync.verify.VerifyReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Jedis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mappings that name many tables by pattern, against the real servers while a writer keeps changing every shard with
 * the same keys: a shard created during the stream is followed from the rows right after its CREATE TABLE, ids
 * stay apart in one index through the id template, an index per shard through the index template, check lists
 * what each pattern matches, and a snapshot then verify over the shards find no drift.
 */
@ExtendWith(TestServersExtension.class)
class ShardedTablesIT {
    private static final String ONE_INDEX = """
            [ { table = "{db}.orders_*", index = "{index}orders", id-template = "{table}:{id}" } ]""";
    private static final String INDEX_PER_SHARD = """
            [ { table = "{db}.orders_*", index = "{index}orders-{table}",
                index-mappings { properties { note { type = keyword } } } } ]""";

    private SyncFixture fixture;
    private String db;
    private ShardWriter writer;

    @BeforeEach
    void setUp(TestServers servers) throws SQLException {
        fixture = new SyncFixture(servers, "shards_" + Long.toString(System.nanoTime(), 36));
        db = fixture.database();
        fixture.sql("DROP DATABASE IF EXISTS " + db, "CREATE DATABASE " + db, createShard("orders_1"),
                createShard("orders_2"), "CREATE TABLE " + db + ".products (id INT PRIMARY KEY, total INT)");
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        if (writer != null) {
            writer.close();
        }
        fixture.close();
    }

    private String createShard(String table) {
        return "CREATE TABLE " + db + "." + table + " (id INT PRIMARY KEY, total INT, note VARCHAR(20))";
    }

    /** The documents the shards' rows make in one index with id template {table}:{id}: id to total. */
    private Map<String, String> expectedInOneIndex(List<String> shards) throws SQLException {
        Map<String, String> expected = new TreeMap<>();
        for (String shard : shards) {
            for (Map<String, Object> row : fixture.source.query("SELECT id, total FROM " + db + "." + shard)) {
                expected.put(shard + ":" + row.get("id"), String.valueOf(row.get("total")));
            }
        }
        return expected;
    }

    private static Map<String, String> totals(Map<String, JsonNode> documents) {
        Map<String, String> totals = new TreeMap<>();
        documents.forEach((id, source) -> totals.put(id, source.path("total").asText()));
        return totals;
    }

    private Map<String, String> shardRows(String shard) throws SQLException {
        Map<String, String> rows = new TreeMap<>();
        for (Map<String, Object> row : fixture.source.query("SELECT id, total FROM " + db + "." + shard)) {
            rows.put(String.valueOf(row.get("id")), String.valueOf(row.get("total")));
        }
        return rows;
    }

    @Test
    void aShardCreatedDuringTheStreamIsFollowedAndIdsOfTwoShardsDoNotCollide() throws Exception {
        Daemon daemon = fixture.start(fixture.config(ONE_INDEX));
        writer = new ShardWriter(fixture.source, db, List.of("orders_1", "orders_2"), 11).start();
        fixture.sql("INSERT INTO " + db + ".orders_1 VALUES (1000, 1, 'one') ON DUPLICATE KEY UPDATE total = 1",
                "INSERT INTO " + db + ".orders_2 VALUES (1000, 2, 'two') ON DUPLICATE KEY UPDATE total = 2");
        fixture.awaitDocument(fixture.index("orders"), "orders_1:1000", "total", "1");
        fixture.awaitDocument(fixture.index("orders"), "orders_2:1000", "total", "2");

        // the CREATE and the rows right after it, in one stream of statements, while the writer goes on
        fixture.sql(createShard("orders_3"), "INSERT INTO " + db + ".orders_3 VALUES (1000, 3, 'three')",
                "INSERT INTO " + db + ".orders_3 VALUES (1001, 31, 'x')");
        writer.add("orders_3");
        fixture.awaitDocument(fixture.index("orders"), "orders_3:1000", "total", "3");
        fixture.awaitDocument(fixture.index("orders"), "orders_3:1001", "total", "31");
        Poll.until(SyncFixture.DEADLINE, "the writer to change the new shard", () -> writer.changesTo("orders_3") > 20);

        // a dropped shard: the others go on, its documents stay
        fixture.sql("INSERT INTO " + db + ".orders_2 VALUES (2000, 5, 'gone') ON DUPLICATE KEY UPDATE total = 5");
        fixture.awaitDocument(fixture.index("orders"), "orders_2:2000", "total", "5");
        writer.remove("orders_2");
        fixture.sql("DROP TABLE " + db + ".orders_2");
        // renamed into the pattern: followed from its next change
        fixture.sql("CREATE TABLE " + db + ".staging (id INT PRIMARY KEY, total INT, note VARCHAR(20))",
                "INSERT INTO " + db + ".staging VALUES (7, 70, 'before')",
                "RENAME TABLE " + db + ".staging TO " + db + ".orders_4",
                "INSERT INTO " + db + ".orders_4 VALUES (8, 80, 'after')");
        fixture.awaitDocument(fixture.index("orders"), "orders_4:8", "total", "80");

        writer.close();
        fixture.awaitCaughtUp(daemon, SyncFixture.DEADLINE);
        assertTrue(daemon.failure().isEmpty(), "the daemon runs on: " + daemon.failure());
        assertTrue(writer.changes() > 100, "the writer ran: " + writer.changes());
        Map<String, String> documents = totals(fixture.documents(fixture.index("orders")));
        Map<String, String> expected = expectedInOneIndex(List.of("orders_1", "orders_3"));
        expected.put("orders_4:8", "80");
        Map<String, String> live = new TreeMap<>(documents);
        live.keySet().removeIf(id -> id.startsWith("orders_2:"));
        assertEquals(expected, live, "every row of the live shards has its document, the same key in each shard"
                + " its own, and no other");
        assertEquals("5", documents.get("orders_2:2000"), "the dropped shard's documents stay");
        assertFalse(documents.containsKey("orders_4:7"), "rows from before the rename are not copied");
        long sameKey = expected.keySet().stream().filter(id -> id.endsWith(":1000")).count();
        assertEquals(2, sameKey, "key 1000 of orders_1 and orders_3 made two documents");
    }

    @Test
    void twoShardsWithTheSameKeyEachDeleteTheirOwnCacheKey() throws Exception {
        String keys = """
                [ { table = "{db}.orders_*", index = "{index}orders", id-template = "{table}:{id}",
                    redis.invalidate = ["{db}:cache:{table}:{id}", "{db}:by-schema:{schema}.{table}:{`id`}"] } ]""";
        fixture.sql("INSERT INTO " + db + ".orders_1 VALUES (1000, 1, 'one')",
                "INSERT INTO " + db + ".orders_2 VALUES (1000, 2, 'two')");
        Daemon daemon = fixture.start(fixture.config(keys));
        writer = new ShardWriter(fixture.source, db, List.of("orders_1", "orders_2"), 16).start();
        String first = db + ":cache:orders_1:1000";
        String second = db + ":cache:orders_2:1000";
        try (Jedis redis = fixture.redis()) {
            redis.set(first, "cached");
            redis.set(second, "cached");
            redis.set(db + ":by-schema:" + db + ".orders_1:1000", "cached");
            fixture.sql("UPDATE " + db + ".orders_1 SET total = 10 WHERE id = 1000");
            fixture.awaitDocument(fixture.index("orders"), "orders_1:1000", "total", "10");
            Poll.until(SyncFixture.DEADLINE, first + " deleted", () -> !redis.exists(first));
            fixture.awaitCaughtUp(daemon, SyncFixture.DEADLINE);
            assertTrue(redis.exists(second), "the other shard's key with the same id stays");
            assertFalse(redis.exists(db + ":by-schema:" + db + ".orders_1:1000"), "{schema} and {`id`} too");

            fixture.sql("DELETE FROM " + db + ".orders_2 WHERE id = 1000");
            Poll.until(SyncFixture.DEADLINE, second + " deleted", () -> !redis.exists(second));

            // a shard created during the stream names its own keys too
            String third = db + ":cache:orders_3:1000";
            redis.set(third, "cached");
            redis.set(first, "cached again");
            fixture.sql(createShard("orders_3"), "INSERT INTO " + db + ".orders_3 VALUES (1000, 3, 'three')");
            Poll.until(SyncFixture.DEADLINE, third + " deleted", () -> !redis.exists(third));
            fixture.awaitCaughtUp(daemon, SyncFixture.DEADLINE);
            assertTrue(redis.exists(first), "orders_1's key stays when orders_3 changes the same id");
            writer.close();
            fixture.awaitCaughtUp(daemon, SyncFixture.DEADLINE);
            assertTrue(daemon.failure().isEmpty(), "the daemon runs on: " + daemon.failure());
        }
    }

    @Test
    void aTemplatesBareTableWhereTheTableHasSuchAColumnIsRefusedAtCheckAndStart() throws Exception {
        fixture.sql("CREATE TABLE " + db + ".seats (id INT PRIMARY KEY, `table` VARCHAR(10))");
        String keys = """
                [ { table = "{db}.seats", index = "{index}seats", redis.invalidate = ["seat:{table}:{id}"] } ]""";
        Path config = fixture.writeConfig(keys);
        Path log = fixture.directory.resolve("check-key-template.log");
        assertEquals(1, DaemonProcess.run(log, "check", "--config", config.toString()));
        String output = Files.readString(log);
        assertTrue(output.contains("FAIL mappings: mappings[0].redis.invalidate[0]") && output.contains(
                "{table} is the name of the table (seats), but " + db + ".seats also has a column named table")
                && output.contains("write {`table`} for the column's value"), output);
        SyncConfig refused = fixture.config(keys);
        ConfigException atStart = assertThrows(ConfigException.class, () -> fixture.start(refused));
        assertTrue(atStart.getMessage().contains("mappings[0].redis.invalidate[0]"), atStart.getMessage());

        String quoted = keys.replace("seat:{table}", "seat:{`table`}");
        Path quotedLog = fixture.directory.resolve("check-key-template-quoted.log");
        DaemonProcess.run(quotedLog, "check", "--config", fixture.writeConfig(quoted).toString());
        String quotedOutput = Files.readString(quotedLog);
        assertTrue(quotedOutput.contains("OK   mappings: every table and column they name exists"), quotedOutput);
    }

    @Test
    void aShardCreatedWhileTheDaemonIsStoppedIsFollowedAfterTheRestart() throws Exception {
        SyncConfig config = fixture.config(ONE_INDEX);
        Daemon first = fixture.start(config);
        fixture.sql("INSERT INTO " + db + ".orders_1 VALUES (1, 1, 'a')");
        fixture.awaitDocument(fixture.index("orders"), "orders_1:1", "total", "1");
        first.close();
        fixture.sql(createShard("orders_6"), "INSERT INTO " + db + ".orders_6 VALUES (1, 6, 'b')",
                "UPDATE " + db + ".orders_6 SET total = 66 WHERE id = 1", createShard("orders_7"),
                "INSERT INTO " + db + ".orders_7 VALUES (1, 7, 'c')", "DROP TABLE " + db + ".orders_7");
        Daemon resumed = fixture.start(config);
        fixture.awaitCaughtUp(resumed, SyncFixture.DEADLINE);
        assertEquals(Map.of("orders_1:1", "1", "orders_6:1", "66", "orders_7:1", "7"),
                totals(fixture.documents(fixture.index("orders"))),
                "the binlog since the stop replayed: the new shard's rows, and the rows of one dropped since");
    }

    @Test
    void anIndexPerShardThroughTheTemplateIncludingOneCreatedLater() throws Exception {
        Daemon daemon = fixture.start(fixture.config(INDEX_PER_SHARD));
        writer = new ShardWriter(fixture.source, db, List.of("orders_1", "orders_2"), 12).start();
        fixture.sql(createShard("orders_9"), "INSERT INTO " + db + ".orders_9 VALUES (5000, 9, 'n')");
        writer.add("orders_9");
        String ninth = fixture.index("orders-orders_9");
        fixture.awaitDocument(ninth, "5000", "total", "9");
        Poll.until(SyncFixture.DEADLINE, "the writer to change the new shard", () -> writer.changesTo("orders_9") > 20);
        writer.close();
        fixture.awaitCaughtUp(daemon, SyncFixture.DEADLINE);
        for (String shard : List.of("orders_1", "orders_2", "orders_9")) {
            assertEquals(shardRows(shard), totals(fixture.documents(fixture.index("orders-" + shard))),
                    "index of " + shard);
        }
        String mapping = fixture.search.request("GET", "/" + ninth + "/_mapping", null).body();
        assertTrue(mapping.contains("\"note\":{\"type\":\"keyword\"}"),
                "the new shard's index was created from the configured mappings: " + mapping);
    }

    @Test
    void checkListsWhatEachPatternMatchesAndRefusesCollidingIds() throws Exception {
        Path config = fixture.writeConfig(ONE_INDEX);
        Path log = fixture.directory.resolve("check.log");
        int exit = DaemonProcess.run(log, "check", "--config", config.toString());
        String output = Files.readString(log);
        assertTrue(output.contains("OK   pattern mappings[0] " + db + ".orders_* matches 2 table(s): " + db
                + ".orders_1 -> " + fixture.index("orders") + ", " + db + ".orders_2 -> " + fixture.index("orders")),
                output);
        assertEquals(0, exit, output);

        // without an id template the config is refused, at check and at start, naming the setting and the fix
        String colliding = "[ { table = \"{db}.orders_*\", index = \"{index}orders\" } ]";
        Path refusedConfig = fixture.writeConfig(colliding);
        Path refusedLog = fixture.directory.resolve("check-refused.log");
        assertEquals(2, DaemonProcess.run(refusedLog, "check", "--config", refusedConfig.toString()));
        String refused = Files.readString(refusedLog);
        assertTrue(refused.contains("mappings[0].id-template") && refused.contains("id-template = \"{table}:{id}\""),
                refused);
        ConfigException atStart = assertThrows(ConfigException.class, () -> fixture.config(colliding));
        assertTrue(atStart.getMessage().contains("mappings[0].id-template"), atStart.getMessage());

        // a shard and a single table whose ids meet in one index: found against the tables, at check and start
        String meeting = """
                [ { table = "{db}.orders_*", index = "{index}orders-{table}" },
                  { table = "{db}.products", index = "{index}orders-orders_1" } ]""";
        Path meetingConfig = fixture.writeConfig(meeting);
        Path meetingLog = fixture.directory.resolve("check-meeting.log");
        assertEquals(1, DaemonProcess.run(meetingLog, "check", "--config", meetingConfig.toString()));
        String meetingOutput = Files.readString(meetingLog);
        assertTrue(meetingOutput.contains("FAIL mappings: mappings[0].id-template") && meetingOutput.contains(
                db + ".orders_1 and " + db + ".products both write to index " + fixture.index("orders-orders_1")),
                meetingOutput);
        SyncConfig meetingSync = fixture.config(meeting);
        ConfigException refusedAtStart = assertThrows(ConfigException.class, () -> fixture.start(meetingSync));
        assertTrue(refusedAtStart.getMessage().contains("mappings[0].id-template"), refusedAtStart.getMessage());
    }

    @Test
    void aSnapshotThenVerifyOverTwoShardsFindNoDrift() throws Exception {
        StringBuilder rows = new StringBuilder();
        for (int id = 1; id <= 3000; id++) {
            rows.append(id == 1 ? "" : ",").append("(").append(id).append(", ").append(id % 97).append(", 'n')");
        }
        fixture.sql("INSERT INTO " + db + ".orders_1 VALUES " + rows, "INSERT INTO " + db + ".orders_2 VALUES " + rows);
        writer = new ShardWriter(fixture.source, db, List.of("orders_1", "orders_2"), 13).start();
        SyncConfig config = ConfigLoader.parse(fixture.hocon(ONE_INDEX)
                + "snapshot { mode = initial, chunk-size = 500 }\n", "shards.conf", Map.of());
        Daemon daemon = fixture.start(config);
        Poll.until(SyncFixture.DEADLINE, "the writer to change rows after the snapshot", () -> writer.changes() > 200);
        writer.close();
        fixture.awaitCaughtUp(daemon, SyncFixture.DEADLINE);

        assertEquals(expectedInOneIndex(List.of("orders_1", "orders_2")),
                totals(fixture.documents(fixture.index("orders"))), "both shards copied and streamed, ids apart");
        VerifyReport report = SyncFixture.verify(config);
        assertFalse(report.hasDrift(), report.summary());
        assertEquals(2, report.mappings().size(), "verify went over each shard: " + report.summary());
    }

    @Test
    void resyncCopiesEachShardItIsAskedForAlsoOneThatCameLater() throws Exception {
        for (String shard : List.of("orders_1", "orders_2")) {
            fixture.sql("INSERT INTO " + db + "." + shard + " VALUES (500, 5, 'old'), (501, 6, 'old'), (502, 7, 'old')");
        }
        Path configFile = fixture.writeConfig(ONE_INDEX);
        SyncConfig config = ConfigLoader.parse(Files.readString(configFile), "shards.conf", Map.of());
        Daemon daemon = fixture.start(config);
        writer = new ShardWriter(fixture.source, db, List.of("orders_1", "orders_2"), 14).start();
        for (String shard : List.of("orders_2", "orders_1")) {
            Path log = fixture.directory.resolve("resync-" + shard + ".log");
            int exit = DaemonProcess.run(log, "resync", db + "." + shard, "--config", configFile.toString());
            assertEquals(0, exit, Files.readString(log));
            fixture.awaitDocument(fixture.index("orders"), shard + ":501", "total", "6");
        }
        // a table renamed into the pattern after the start brings rows of its own: a resync copies them
        fixture.sql("CREATE TABLE " + db + ".staging (id INT PRIMARY KEY, total INT, note VARCHAR(20))",
                "INSERT INTO " + db + ".staging VALUES (1, 11, 'staged'), (2, 12, 'staged')",
                "RENAME TABLE " + db + ".staging TO " + db + ".orders_5");
        fixture.awaitCaughtUp(daemon, SyncFixture.DEADLINE);
        assertTrue(fixture.document(fixture.index("orders"), "orders_5:1").isEmpty(), "not copied by the rename");
        Path log = fixture.directory.resolve("resync-orders_5.log");
        assertEquals(0, DaemonProcess.run(log, "resync", db + ".orders_5", "--config", configFile.toString()),
                Files.readString(log));
        fixture.awaitDocument(fixture.index("orders"), "orders_5:2", "total", "12");
        writer.close();
        fixture.awaitCaughtUp(daemon, SyncFixture.DEADLINE);
        assertEquals(expectedInOneIndex(List.of("orders_1", "orders_2", "orders_5")),
                totals(fixture.documents(fixture.index("orders"))), "rows from before the start copied, shard by shard");
        VerifyReport report = SyncFixture.verify(config);
        assertFalse(report.hasDrift(), report.summary());
    }

    @Test
    void resyncIntoANewIndexCopiesTheShardsThePatternMatchesWhenItIsPlanned() throws Exception {
        for (String shard : List.of("orders_1", "orders_2")) {
            fixture.sql("INSERT INTO " + db + "." + shard + " VALUES (500, 5, 'old'), (501, 6, 'old')");
        }
        Path configFile = fixture.writeConfig(ONE_INDEX);
        SyncConfig config = ConfigLoader.parse(Files.readString(configFile), "shards.conf", Map.of());
        Daemon daemon = fixture.start(config);
        // after the start: a shard created (its rows streamed) and one renamed into the pattern (its rows never
        // streamed); both must be in the new index, or the switch would lose their documents
        fixture.sql(createShard("orders_3"), "INSERT INTO " + db + ".orders_3 VALUES (500, 35, 'new')",
                "CREATE TABLE " + db + ".staging (id INT PRIMARY KEY, total INT, note VARCHAR(20))",
                "INSERT INTO " + db + ".staging VALUES (1, 11, 'staged')",
                "RENAME TABLE " + db + ".staging TO " + db + ".orders_5");
        fixture.awaitDocument(fixture.index("orders"), "orders_3:500", "total", "35");
        writer = new ShardWriter(fixture.source, db, List.of("orders_1", "orders_2", "orders_3"), 15).start();
        Poll.until(SyncFixture.DEADLINE, "the writer to change the new shard", () -> writer.changesTo("orders_3") > 5);

        Path log = fixture.directory.resolve("resync-new-index.log");
        assertEquals(0, DaemonProcess.run(log, "resync", db + ".orders_1", "--new-index", "--config",
                configFile.toString()), Files.readString(log));
        io.binlogsync.snapshot.ResyncRequests requests = new io.binlogsync.snapshot.ResyncRequests(fixture.stateFile);
        io.binlogsync.event.TableId orders1 = io.binlogsync.event.TableId.parse(db + ".orders_1");
        Poll.until(java.time.Duration.ofSeconds(90), "the rebuild into a new index done", () -> {
            SyncFixture.requireRunning(daemon);
            try {
                return requests.status(orders1).map(status -> status.state().equals("done")).orElse(false);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        writer.close();
        fixture.awaitCaughtUp(daemon, SyncFixture.DEADLINE);
        assertEquals(expectedInOneIndex(List.of("orders_1", "orders_2", "orders_3", "orders_5")),
                totals(fixture.documents(fixture.index("orders"))), "every shard's rows, also the later ones'");
        VerifyReport report = SyncFixture.verify(config);
        assertFalse(report.hasDrift(), report.summary());
        fixture.servers.elasticsearch().request("DELETE", "/" + fixture.index("orders") + "*", null);
    }

    /**
     * Changes the given shards on its own thread, keys 1 to 300 in each (so the same key lives in several
     * shards): inserts or updates, deletes; shards may be added and removed while it runs.
     */
    static final class ShardWriter implements AutoCloseable {
        private final SourceServer source;
        private final String db;
        private final List<String> shards;
        private final Random random;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger changes = new AtomicInteger();
        private final Map<String, AtomicInteger> perShard = new java.util.concurrent.ConcurrentHashMap<>();
        private final Thread thread = new Thread(this::run, "shard-writer");

        ShardWriter(SourceServer source, String db, List<String> shards, long seed) {
            this.source = source;
            this.db = db;
            this.shards = new CopyOnWriteArrayList<>(shards);
            this.random = new Random(seed);
            thread.setDaemon(true);
        }

        ShardWriter start() {
            thread.start();
            return this;
        }

        void add(String shard) {
            shards.add(shard);
        }

        /** Stops writing to a shard; returns once no statement on it is under way. */
        void remove(String shard) {
            synchronized (this) {
                shards.remove(shard);
            }
        }

        int changes() {
            return changes.get();
        }

        int changesTo(String shard) {
            return perShard.getOrDefault(shard, new AtomicInteger()).get();
        }

        private void run() {
            try (Connection connection = source.adminConnection(); Statement statement = connection.createStatement()) {
                while (running.get()) {
                    synchronized (this) {
                        String shard = shards.get(random.nextInt(shards.size()));
                        int id = 1 + random.nextInt(300);
                        String sql = random.nextInt(100) < 80
                                ? "INSERT INTO " + db + "." + shard + " VALUES (" + id + ", " + random.nextInt(1000)
                                + ", 'w') ON DUPLICATE KEY UPDATE total = VALUES(total)"
                                : "DELETE FROM " + db + "." + shard + " WHERE id = " + id;
                        statement.executeUpdate(sql);
                        changes.incrementAndGet();
                        perShard.computeIfAbsent(shard, s -> new AtomicInteger()).incrementAndGet();
                    }
                    Thread.sleep(2);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("the shard writer failed: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(10_000);
        }
    }
}
