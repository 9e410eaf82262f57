package io.binlogsync.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.binlogsync.checkpoint.Checkpoint;
import io.binlogsync.checkpoint.StateFile;
import io.binlogsync.config.SyncConfig;
import io.binlogsync.event.BinlogPosition;
import io.binlogsync.runtime.Daemon;
import io.binlogsync.testing.Poll;
import io.binlogsync.testing.servers.TestServers;
import io.binlogsync.testing.servers.TestServersExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Jedis;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The main path against real servers: rows reach the index and the cache, and the position is kept. */
@ExtendWith(TestServersExtension.class)
class MainPathIT {
    private static final String MAPPINGS = """
            [ { table = "{db}.products", index = "{index}products"
                fields { exclude = ["internal_note"], rename { title = "name" } }
                redis.invalidate = ["product:{db}:{id}", "product:{db}:sku:{sku}"] }
              { table = "{db}.stock", index = "{index}stock", redis.invalidate = ["stock:{db}:{warehouse}:{sku}"] } ]
            """;

    private SyncFixture fixture;

    @BeforeEach
    void setUp(TestServers servers, TestInfo test) throws SQLException {
        fixture = new SyncFixture(servers, "main_" + test.getTestMethod().orElseThrow().getName().toLowerCase());
        fixture.createDatabase(
                "CREATE TABLE {db}.products (id BIGINT PRIMARY KEY, sku VARCHAR(32) NOT NULL, title VARCHAR(100),"
                        + " price DECIMAL(10,2), internal_note TEXT, updated_at DATETIME(6))",
                "CREATE TABLE {db}.stock (warehouse VARCHAR(8), sku VARCHAR(32), qty INT,"
                        + " PRIMARY KEY (warehouse, sku))",
                "CREATE TABLE {db}.unmapped (id INT PRIMARY KEY, v INT)");
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private String products() {
        return fixture.index("products");
    }

    private String key(String suffix) {
        return "product:" + fixture.database() + ":" + suffix;
    }

    @Test
    void insertsUpdatesAndDeletesReachTheIndexAndTheCache() throws Exception {
        String db = fixture.database();
        fixture.start(fixture.config(MAPPINGS));
        try (Jedis redis = fixture.redis()) {
            redis.set(key("1"), "cached");
            redis.set(key("sku:A-1"), "cached");
            fixture.sql("INSERT INTO " + db + ".products VALUES (1, 'A-1', 'Lamp', 19.90, 'secret', '2024-05-06 07:08:09.123456')");
            fixture.awaitDocument(products(), "1", "name", "Lamp");
            JsonNode document = fixture.document(products(), "1").orElseThrow();
            assertEquals("19.90", document.get("price").decimalValue().toPlainString());
            assertEquals("2024-05-06T07:08:09.123456", document.get("updated_at").asText());
            assertFalse(document.has("internal_note"), "excluded column is not indexed");
            assertFalse(document.has("title"), "renamed column keeps only its new name");
            Poll.until(SyncFixture.DEADLINE, "keys of the inserted row deleted",
                    () -> !redis.exists(key("1")) && !redis.exists(key("sku:A-1")));

            redis.set(key("1"), "cached");
            redis.set(key("sku:A-1"), "cached");
            fixture.sql("UPDATE " + db + ".products SET title = 'Desk lamp', sku = 'A-2' WHERE id = 1");
            fixture.awaitDocument(products(), "1", "name", "Desk lamp");
            assertEquals("A-2", fixture.document(products(), "1").orElseThrow().get("sku").asText());
            Poll.until(SyncFixture.DEADLINE, "keys of the old and new sku deleted",
                    () -> !redis.exists(key("1")) && !redis.exists(key("sku:A-1")));

            redis.set(key("sku:A-2"), "cached");
            fixture.sql("DELETE FROM " + db + ".products WHERE id = 1");
            fixture.awaitNoDocument(products(), "1");
            Poll.until(SyncFixture.DEADLINE, "key of the deleted row deleted", () -> !redis.exists(key("sku:A-2")));
        }
    }

    @Test
    void aPrimaryKeyChangeMovesTheDocument() throws Exception {
        String db = fixture.database();
        fixture.start(fixture.config(MAPPINGS));
        fixture.sql("INSERT INTO " + db + ".products (id, sku, title) VALUES (10, 'M', 'Mover')");
        fixture.awaitDocument(products(), "10", "name", "Mover");
        fixture.sql("UPDATE " + db + ".products SET id = 11 WHERE id = 10");
        fixture.awaitDocument(products(), "11", "name", "Mover");
        fixture.awaitNoDocument(products(), "10");
    }

    @Test
    void compositeKeysJoinTheirColumns() throws Exception {
        String db = fixture.database();
        fixture.start(fixture.config(MAPPINGS));
        try (Jedis redis = fixture.redis()) {
            redis.set("stock:" + db + ":north:S:1", "cached");
            fixture.sql("INSERT INTO " + db + ".stock VALUES ('north', 'S:1', 5), ('south', 'S:1', 7)");
            fixture.awaitDocument(fixture.index("stock"), "north:S\\:1", "qty", "5");
            fixture.awaitDocument(fixture.index("stock"), "south:S\\:1", "qty", "7");
            Poll.until(SyncFixture.DEADLINE, "composite key deleted", () -> !redis.exists("stock:" + db + ":north:S:1"));
        }
    }

    @Test
    void unmappedTablesAreSkippedButThePositionAdvances() throws Exception {
        String db = fixture.database();
        Daemon daemon = fixture.start(fixture.config(MAPPINGS));
        BinlogPosition before = daemon.acknowledged().position();
        fixture.sql("INSERT INTO " + db + ".unmapped VALUES (1, 1), (2, 2)");
        BinlogPosition end = fixture.currentPosition();
        Poll.until(SyncFixture.DEADLINE, "position reaches " + end,
                () -> daemon.acknowledged().position().compareTo(end) >= 0);
        assertTrue(daemon.acknowledged().position().compareTo(before) > 0);
        assertEquals(end, new StateFile(fixture.stateFile).load().orElseThrow().position(),
                "the state file holds the acknowledged position");
    }

    @Test
    void aRestartResumesWhereItStoppedWithNothingLost() throws Exception {
        String db = fixture.database();
        SyncConfig config = fixture.config(MAPPINGS);
        Daemon first = fixture.start(config);
        fixture.sql("INSERT INTO " + db + ".products (id, sku, title) VALUES (1, 'a', 'one')");
        fixture.awaitDocument(products(), "1", "name", "one");
        first.close();

        fixture.sql("INSERT INTO " + db + ".products (id, sku, title) VALUES (2, 'b', 'two')",
                "UPDATE " + db + ".products SET title = 'uno' WHERE id = 1");
        Daemon second = fixture.start(config);
        fixture.awaitDocument(products(), "2", "name", "two");
        fixture.awaitDocument(products(), "1", "name", "uno");
        fixture.awaitCaughtUp(second, SyncFixture.DEADLINE);
        assertEquals(2, fixture.documents(products()).size());
    }

    @Test
    void aReplayFromAnOlderPositionNeverLeavesAnOlderVersion() throws Exception {
        String db = fixture.database();
        SyncConfig config = fixture.config(MAPPINGS);
        Daemon daemon = fixture.start(config);
        Checkpoint start = daemon.acknowledged();
        fixture.sql("INSERT INTO " + db + ".products (id, sku, title) VALUES (1, 'a', 'v1')",
                "UPDATE " + db + ".products SET title = 'v2' WHERE id = 1",
                "UPDATE " + db + ".products SET title = 'v3' WHERE id = 1");
        fixture.awaitDocument(products(), "1", "name", "v3");
        BinlogPosition end = fixture.currentPosition();
        Poll.until(SyncFixture.DEADLINE, "caught up", () -> daemon.acknowledged().position().compareTo(end) >= 0);
        long newest = fixture.version(products(), "1");
        daemon.close();

        // rewind the state to before all three changes: they are read again, oldest first
        new StateFile(fixture.stateFile).save(new Checkpoint(start.position(), Optional.empty(), Instant.now()));
        Daemon replaying = fixture.start(config);
        Poll.until(SyncFixture.DEADLINE, "replay caught up", () -> replaying.acknowledged().position().compareTo(end) >= 0);
        assertEquals("v3", fixture.document(products(), "1").orElseThrow().get("name").asText());
        assertEquals(newest, fixture.version(products(), "1"), "the document keeps the newest change's version");
    }

    @Test
    void aTransactionChangingOneRowManyTimesSendsOnlyItsNewestChange() throws Exception {
        String db = fixture.database();
        Daemon daemon = fixture.start(fixture.config(MAPPINGS));
        List<String> transaction = new ArrayList<>(List.of("START TRANSACTION",
                "INSERT INTO " + db + ".products (id, sku, title) VALUES (1, 'a', 'v0'), (2, 'b', 'gone')"));
        for (int change = 1; change <= 20; change++) {
            transaction.add("UPDATE " + db + ".products SET title = 'v" + change + "' WHERE id = 1");
        }
        transaction.addAll(List.of("DELETE FROM " + db + ".products WHERE id = 2", "COMMIT"));
        fixture.sql(transaction.toArray(String[]::new));
        fixture.awaitCaughtUp(daemon, SyncFixture.DEADLINE);
        assertEquals("v20", fixture.document(products(), "1").orElseThrow().get("name").asText());
        assertTrue(fixture.document(products(), "2").isEmpty(), "the row inserted and deleted has no document");
        // one batch held all 23 operations on two documents
        assertEquals(21, daemon.coalescedOperations());
    }

    @Test
    void withoutColumnNamesInTheBinlogTheyComeFromInformationSchema() throws Exception {
        String db = fixture.database();
        fixture.sql("SET GLOBAL binlog_row_metadata = MINIMAL");
        try {
            fixture.start(fixture.config(MAPPINGS));
            fixture.sql("INSERT INTO " + db + ".products (id, sku, title, price) VALUES (5, 'M-5', 'Minimal', 1.50)");
            fixture.awaitDocument(products(), "5", "name", "Minimal");
            assertEquals("M-5", fixture.document(products(), "5").orElseThrow().get("sku").asText());
        } finally {
            fixture.sql("SET GLOBAL binlog_row_metadata = FULL");
        }
    }

    @Test
    void unsignedZeroAndWideValuesArriveExact() throws Exception {
        String db = fixture.database();
        fixture.sql("CREATE TABLE " + db + ".edge (name VARCHAR(10) PRIMARY KEY, qty INT UNSIGNED, big BIGINT UNSIGNED,"
                + " y YEAR, s INT, bits BIT(64), ts TIMESTAMP NULL, dt DATETIME, state ENUM('new','sold'),"
                + " tags SET('a','b','c'))");
        // without unsigned_long (absent from this distribution) a value above 2^63 needs a keyword field; the
        // document's _source still holds the exact number
        assertTrue(fixture.servers.elasticsearch().request("PUT", "/" + fixture.index("edge"), "{\"mappings\":"
                + "{\"properties\":{\"big\":{\"type\":\"keyword\"},\"bits\":{\"type\":\"keyword\"}}}}").isSuccess());
        Daemon daemon = fixture.start(fixture.config("[ { table = \"{db}.edge\", index = \"{index}edge\" } ]"));
        fixture.sql("INSERT INTO " + db + ".edge VALUES ('max', 4294967295, 18446744073709551615, 2155, -5,"
                + " b'1111111111111111111111111111111111111111111111111111111111111111', '2038-01-19 03:14:07',"
                + " '2024-05-06 07:08:00', 'sold', 'a,c')",
                "SET SESSION sql_mode = ''",
                "INSERT INTO " + db + ".edge VALUES ('zero', 0, 0, 0, 0, b'0', '0000-00-00 00:00:00', '2024-05-06 07:08:09',"
                        + " 'new', '')");
        String index = fixture.index("edge");
        Poll.until(SyncFixture.DEADLINE, "both rows", () -> {
            SyncFixture.requireRunning(daemon);
            return fixture.documents(index).size() == 2;
        });
        JsonNode max = fixture.document(index, "max").orElseThrow();
        assertEquals("4294967295", max.get("qty").asText());
        assertEquals("18446744073709551615", max.get("big").bigIntegerValue().toString());
        assertEquals(2155, max.get("y").asInt());
        assertEquals(-5, max.get("s").asInt(), "a signed column after an unsigned one stays signed");
        assertEquals("18446744073709551615", max.get("bits").bigIntegerValue().toString());
        assertEquals("2024-05-06T07:08:00", max.get("dt").asText(), "seconds are always written");
        assertEquals("sold", max.get("state").asText());
        assertEquals("[\"a\",\"c\"]", max.get("tags").toString());
        JsonNode zero = fixture.document(index, "zero").orElseThrow();
        assertTrue(zero.get("ts").isNull(), "the zero TIMESTAMP becomes null: " + zero);
        assertTrue(zero.get("y").isNull(), "YEAR 0000 becomes null, not 1900: " + zero);
    }

}
