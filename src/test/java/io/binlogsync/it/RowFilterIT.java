package io.binlogsync.it;

import io.binlogsync.config.ConfigLoader;
import io.binlogsync.config.SyncConfig;
import io.binlogsync.progress.Progress;
import io.binlogsync.runtime.Components;
import io.binlogsync.runtime.Daemon;
import io.binlogsync.testing.Poll;
import io.binlogsync.testing.servers.TestServers;
import io.binlogsync.testing.servers.TestServersExtension;
import io.binlogsync.verify.Drift;
import io.binlogsync.verify.VerifyOptions;
import io.binlogsync.verify.VerifyReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Jedis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Row filters on real servers. {@code products} keeps rows that are not drafts, not soft-deleted and in stock (or
 * the desk): rows leave and enter the filter through updates, losing and regaining their documents and cache keys,
 * while rows outside it touch neither. {@code items} keeps {@code v < 500} while a writer changes v all the time, so
 * rows cross the filter constantly, through the initial snapshot, the stream and a {@code resync --new-index}; the
 * index then holds exactly {@code SELECT ... WHERE v < 500}, and verify agrees. A document for a filtered-out row
 * is drift, which {@code --repair} and a resync delete.
 */
@ExtendWith(TestServersExtension.class)
class RowFilterIT {
    private static final int EXISTING_ITEMS = 3000;
    private static final String MAPPINGS = """
            [
              { table = "{db}.products", index = "{index}products", redis.invalidate = ["{db}:product:{id}"]
                filter { all = [
                  { column = status, not-in = [draft] }
                  { column = deleted_at, is-null = true }
                  { any = [ { column = qty, gt = 0 }, { column = title, equals = desk } ] }
                ] }
              }
              { table = "{db}.items", index = "{index}items", filter { column = v, lt = 500 } }
            ]""";

    private SyncFixture fixture;
    private String products;
    private String items;

    @BeforeEach
    void setUp(TestServers servers) throws SQLException {
        fixture = new SyncFixture(servers, "filter_" + Long.toString(System.nanoTime(), 36));
        fixture.sql("CREATE DATABASE " + fixture.database());
        products = fixture.index("products");
        items = fixture.index("items");
    }

    @AfterEach
    void tearDown() {
        fixture.close();
        fixture.servers.elasticsearch().request("DELETE", "/" + items + "*", null);
        fixture.servers.elasticsearch().request("DELETE", "/" + products + "*", null);
    }

    private String key(int id) {
        return fixture.database() + ":product:" + id;
    }

    private void ghost(String index, int id) {
        assertTrue(fixture.servers.elasticsearch().request("PUT", "/" + index + "/_doc/" + id + "?refresh=true",
                "{\"id\":" + id + ",\"title\":\"ghost\"}").isSuccess());
    }

    private Set<String> productIds() {
        return new TreeSet<>(fixture.documents(products).keySet());
    }

    @Test
    void streamSnapshotResyncAndVerifyKeepTheSameRowsUnderAWriter() throws Exception {
        String db = fixture.database();
        fixture.sql("CREATE TABLE " + db + ".products (id INT PRIMARY KEY, status ENUM('draft','live','sale') NOT"
                        + " NULL, qty INT, deleted_at DATETIME(3) NULL, title VARCHAR(64))",
                "INSERT INTO " + db + ".products VALUES (1, 'live', 5, NULL, 'lamp'), (2, 'sale', 0, NULL, 'desk'),"
                        + " (3, 'draft', 1, NULL, 'chair'), (4, 'live', 2, '2024-01-02 03:04:05.678', 'old'),"
                        + " (5, 'live', NULL, NULL, 'no stock yet')");
        long seed = System.nanoTime();
        Workload workload = new Workload(fixture.mariadb(), db, seed, 1);
        fixture.sql("INSERT INTO " + db + ".items SELECT seq, seq % 1000, CONCAT('old ', seq) FROM " + db
                + ".seq_1_to_" + EXISTING_ITEMS);
        // documents from before the filter was set, for rows it leaves out: the snapshot must delete them
        ghost(products, 3);
        ghost(items, 700);

        String hocon = fixture.hocon(MAPPINGS) + "snapshot { mode = initial, chunk-size = 500 }\n";
        Path configFile = fixture.directory.resolve("filter.conf");
        Files.writeString(configFile, hocon);
        SyncConfig config = ConfigLoader.parse(hocon, "filter.conf", Map.of());
        workload.start();
        Daemon daemon = fixture.start(config);

        // the snapshot kept rows 1 (in stock) and 2 (the desk), and deleted the ghost of the draft
        assertEquals(Set.of("1", "2"), productIds());

        Jedis redis = fixture.redis();
        // leaving the filter: the document and its cache key go
        redis.set(key(1), "stale");
        fixture.sql("UPDATE " + db + ".products SET status = 'draft' WHERE id = 1");
        fixture.awaitNoDocument(products, "1");
        awaitNoKey(redis, 1);
        // entering again: the document comes back, and the key goes again
        redis.set(key(1), "stale");
        fixture.sql("UPDATE " + db + ".products SET status = 'sale', title = 'lamp again' WHERE id = 1");
        fixture.awaitDocument(products, "1", "title", "lamp again");
        awaitNoKey(redis, 1);
        // a soft delete is a row leaving the filter
        redis.set(key(2), "stale");
        fixture.sql("UPDATE " + db + ".products SET deleted_at = NOW(3) WHERE id = 2");
        fixture.awaitNoDocument(products, "2");
        awaitNoKey(redis, 2);
        // NULL satisfies no comparison: row 5 enters only when it gets a quantity
        fixture.sql("UPDATE " + db + ".products SET qty = 3 WHERE id = 5");
        fixture.awaitDocument(products, "5", "qty", "3");

        // changes of rows outside the filter, before and after, touch neither the index nor the cache
        for (int id : List.of(3, 4, 100)) {
            redis.set(key(id), "stale");
        }
        fixture.sql("INSERT INTO " + db + ".products VALUES (100, 'draft', 9, NULL, 'new draft')",
                "UPDATE " + db + ".products SET title = 'still a draft' WHERE id = 3",
                "DELETE FROM " + db + ".products WHERE id = 4");
        fixture.awaitCaughtUp(daemon, SyncFixture.DEADLINE);
        assertEquals(Set.of("1", "5"), productIds());
        for (int id : List.of(3, 4, 100)) {
            assertEquals("stale", redis.get(key(id)), "key of row " + id + " outside the filter");
        }

        // a new index built while the writer moves items across the filter
        Path resyncLog = fixture.directory.resolve("new-index.log");
        assertEquals(0, DaemonProcess.run(resyncLog, "resync", db + ".items", "--config", configFile.toString(),
                "--new-index"), Files.readString(resyncLog));
        int changes = workload.changes();
        Poll.until(Duration.ofSeconds(30), "the writer to go on after the resync",
                () -> workload.changes() > changes + 50);
        workload.close();
        fixture.awaitCaughtUp(daemon, SyncFixture.DEADLINE);

        List<String> differences = TableComparison.differences(fixture.source.query("SELECT id, v, title FROM " + db
                + ".items WHERE v < 500"), "id", fixture.documents(items));
        assertTrue(differences.isEmpty(), "seed " + seed + ": " + differences.size() + " differences, first "
                + differences.subList(0, Math.min(20, differences.size())));
        VerifyReport report = verify(config, false);
        assertFalse(report.hasDrift(), "seed " + seed + ": " + report.summary());
        long rows = ((Number) fixture.source.query("SELECT COUNT(*) AS n FROM " + db + ".items").get(0).get("n"))
                .longValue();
        assertEquals(rows, report.mappings().get(1).rowsChecked(), "verify reads every row, kept or not");
        assertTrue(workload.changes() > 100, "the writer ran: " + workload.changes() + " changes");

        // a document for a filtered-out row is drift; --repair deletes it
        ghost(products, 3);
        VerifyReport drift = verify(config, false);
        assertEquals(List.of("3: extra (row filtered out)"), drift.mappings().get(0).samples().stream()
                .map(Drift::toString).toList(), drift.summary());
        VerifyReport repair = verify(config, true);
        assertEquals(1, repair.mappings().get(0).repaired(), repair.summary());
        assertTrue(fixture.document(products, "3").isEmpty());
        assertFalse(verify(config, false).hasDrift());

        // and a resync deletes one too (of row 100, a draft that never had a document: the repair's delete of 3
        // left a tombstone at the version a resync now would write at, so a new document there would win)
        ghost(products, 100);
        Path productsLog = fixture.directory.resolve("resync-products.log");
        assertEquals(0, DaemonProcess.run(productsLog, "resync", db + ".products", "--config", configFile.toString()),
                Files.readString(productsLog));
        assertEquals(Set.of("1", "5"), productIds());
        SyncFixture.requireRunning(daemon);
    }

    @Test
    void aLiteralItsColumnCannotCompareWithIsRefusedAtStartAndByCheck() throws Exception {
        String db = fixture.database();
        fixture.sql("CREATE TABLE " + db + ".events (id INT PRIMARY KEY, at DATETIME, kind ENUM('a','b'), n INT)");
        String mappings = "[ { table = \"{db}.events\", index = \"{index}events\", filter { all = ["
                + " { column = at, gt = \"2024-01-01T00:00:00Z\" }, { column = kind, in = [a] },"
                + " { column = n, lte = lots }, { column = gone, is-null = true } ] } } ]";
        Path configFile = fixture.writeConfig(mappings);
        io.binlogsync.config.ConfigException refused = org.junit.jupiter.api.Assertions.assertThrows(
                io.binlogsync.config.ConfigException.class, () -> fixture.start(fixture.config(mappings)));
        assertEquals(List.of("mappings[0].filter.all[3].column"), refused.problems().stream()
                .map(io.binlogsync.config.ConfigProblem::path).toList(), refused.getMessage());

        String fixed = mappings.replace(", { column = gone, is-null = true }", "");
        refused = org.junit.jupiter.api.Assertions.assertThrows(io.binlogsync.config.ConfigException.class,
                () -> fixture.start(fixture.config(fixed)));
        assertEquals(List.of("mappings[0].filter.all[0].gt", "mappings[0].filter.all[2].lte"), refused.problems()
                .stream().map(io.binlogsync.config.ConfigProblem::path).toList(), refused.getMessage());
        assertTrue(refused.getMessage().contains("column 'at': '2024-01-01T00:00:00Z' does not compare with the"
                + " column's value, which is a date-time"), refused.getMessage());

        Path log = fixture.directory.resolve("check.log");
        Files.writeString(configFile, fixture.hocon(fixed));
        assertEquals(1, DaemonProcess.run(log, "check", "--config", configFile.toString()), Files.readString(log));
        String output = Files.readString(log);
        assertTrue(output.contains("mappings[0].filter.all[2].lte") && output.contains("'lots'"), output);
    }

    /**
     * The start-time check judges literals against a value of each column's decoded class: for every type family,
     * that class must be the one a real row's value has (read here through the snapshot's JDBC path, which
     * {@code TypesIT} holds equal to the binlog's).
     */
    @Test
    void columnSamplesHaveTheClassOfRealValues() throws Exception {
        String db = fixture.database();
        fixture.sql("CREATE TABLE " + db + ".kinds (id INT PRIMARY KEY, big BIGINT UNSIGNED, b BIT(8), y YEAR,"
                        + " d DECIMAL(6,2), f FLOAT, g DOUBLE, day DATE, dt DATETIME(3), ts TIMESTAMP(3) NULL, t TIME,"
                        + " v VARCHAR(10), e ENUM('a','b'), s SET('x','y'), j JSON, bin VARBINARY(4), u UUID,"
                        + " p POINT)",
                "INSERT INTO " + db + ".kinds VALUES (1, 5, b'101', 2024, 1.50, 0.5, 0.25, '2024-05-06',"
                        + " '2024-05-06 07:08:09.5', '2024-05-06 07:08:09.5', '-01:02:03', 'text', 'b', 'x,y',"
                        + " '{\"a\":1}', 0x0102, '01020304-0506-0708-090a-0b0c0d0e0f10', POINT(1, 2))");
        SyncConfig config = fixture.config("[ { table = \"{db}.kinds\", index = \"{index}kinds\" } ]");
        try (Components components = new Components(config, Clock.systemUTC());
             java.sql.Connection connection = components.database().open()) {
            io.binlogsync.source.jdbc.TableSchema schema = components.catalog()
                    .table(io.binlogsync.event.TableId.parse(db + ".kinds")).orElseThrow();
            io.binlogsync.event.RowImage row = new io.binlogsync.source.jdbc.TableRowReader(schema)
                    .readChunk(connection, Optional.empty(), 1).get(0);
            for (io.binlogsync.source.jdbc.ColumnSchema column : schema.columns()) {
                Object sample = io.binlogsync.source.jdbc.ColumnSamples.of(schema.table(), column);
                Object value = row.get(column.name());
                // a SET is some List (List.of picks its class by size)
                Class<?> kind = value instanceof List<?> ? List.class : value.getClass();
                assertTrue(kind.isInstance(sample), column.name() + " (" + column.dataType() + "): a row holds "
                        + value.getClass() + ", the sample is " + sample.getClass());
            }
        }
    }

    private void awaitNoKey(Jedis redis, int id) {
        Poll.until(SyncFixture.DEADLINE, "cache key " + key(id) + " deleted", () -> !redis.exists(key(id)));
    }

    private static VerifyReport verify(SyncConfig config, boolean repair) throws Exception {
        VerifyOptions options = new VerifyOptions(Optional.empty(), 1000, 20, repair, Duration.ofSeconds(5));
        try (Components components = new Components(config, Clock.systemUTC())) {
            return components.verifier(options).run(Progress.NONE);
        }
    }
}
