package io.binlogsync.it;

import io.binlogsync.checkpoint.StateFile;
import io.binlogsync.config.ConfigLoader;
import io.binlogsync.config.SyncConfig;
import io.binlogsync.event.BinlogPosition;
import io.binlogsync.runtime.Daemon;
import io.binlogsync.testing.Poll;
import io.binlogsync.testing.servers.TestServers;
import io.binlogsync.testing.servers.TestServersExtension;
import io.binlogsync.verify.VerifyReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DDL of a related table while the daemon runs: a change the join still fits is followed without a restart; one that
 * drops a column the join names stops the daemon before the DDL, naming the join, table, column, position and fix;
 * one that rewrites a joined column's values without row events rebuilds every document that joins the table.
 */
@ExtendWith(TestServersExtension.class)
class JoinSchemaChangesIT {
    private static final String MAPPINGS = """
            [ { table = "{db}.products", index = "{index}products",
                join = [ { table = "{db}.categories", on { category_id = id }, as = category, fields = [name] } ] } ]""";

    private SyncFixture fixture;
    private String db;

    @BeforeEach
    void setUp(TestServers servers) throws SQLException {
        fixture = new SyncFixture(servers, "joinddl_" + Long.toString(System.nanoTime(), 36));
        db = fixture.database();
        fixture.sql("CREATE DATABASE " + db,
                "CREATE TABLE " + db + ".categories (id INT PRIMARY KEY, name VARCHAR(64), slug VARCHAR(64))",
                "CREATE TABLE " + db + ".products (id INT PRIMARY KEY, title VARCHAR(64), category_id INT,"
                        + " KEY (category_id))",
                "INSERT INTO " + db + ".categories VALUES (1, 'Lamps', 'lamps'), (2, 'Desks', 'desks')",
                "INSERT INTO " + db + ".products VALUES (1, 'a', 1), (2, 'b', 2), (3, 'c', 1)");
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private SyncConfig config() {
        return ConfigLoader.parse(fixture.hocon(MAPPINGS) + "snapshot.mode = initial\n", "joins.conf", Map.of());
    }

    @Test
    void anAlterThatAddsOrChangesColumnsOfARelatedTableIsFollowedWithoutARestart() throws Exception {
        SyncConfig config = config();
        Daemon daemon = fixture.start(config);
        String products = fixture.index("products");
        fixture.awaitDocument(products, "1", "title", "a");

        // a column added before the joined one, and the joined one widened and moved: the reads follow both
        fixture.sql("ALTER TABLE " + db + ".categories ADD COLUMN note VARCHAR(16) FIRST",
                "ALTER TABLE " + db + ".categories MODIFY name VARCHAR(200) AFTER id",
                "UPDATE " + db + ".categories SET name = 'Lights', note = 'x' WHERE id = 1",
                "INSERT INTO " + db + ".categories (id, name, note, slug) VALUES (3, 'Chairs', 'y', 'chairs')",
                "INSERT INTO " + db + ".products VALUES (4, 'd', 3)");
        Poll.until(SyncFixture.DEADLINE, "products of category 1 renamed, product 4 with category 3", () -> {
            SyncFixture.requireRunning(daemon);
            Map<String, com.fasterxml.jackson.databind.JsonNode> documents = fixture.documents(products);
            return documents.size() == 4
                    && documents.get("1").path("category").path("name").asText().equals("Lights")
                    && documents.get("3").path("category").path("name").asText().equals("Lights")
                    && documents.get("2").path("category").path("name").asText().equals("Desks")
                    && documents.get("4").path("category").path("name").asText().equals("Chairs");
        });
        assertEquals("{\"name\":\"Lights\"}", fixture.document(products, "1").orElseThrow().path("category")
                .toString(), "the join's fields only, not the added column");
        fixture.awaitCaughtUp(daemon, SyncFixture.DEADLINE);
        VerifyReport report = SyncFixture.verify(config);
        assertFalse(report.hasDrift(), report.summary());
    }

    @Test
    void dropColumnOfAJoinedColumnStopsTheDaemonBeforeTheDdl() throws Exception {
        SyncConfig config = config();
        Daemon daemon = fixture.start(config);
        String products = fixture.index("products");
        fixture.awaitDocument(products, "1", "title", "a");
        fixture.awaitCaughtUp(daemon, SyncFixture.DEADLINE);

        BinlogPosition beforeDdl = fixture.currentPosition();
        fixture.sql("ALTER TABLE " + db + ".categories DROP COLUMN name",
                "INSERT INTO " + db + ".products VALUES (4, 'd', 2)");
        Throwable failure = SyncFixture.awaitFailure(daemon);
        String message = failure.getMessage();
        for (String expected : new String[] {"mappings[0].join[0].fields[0]", db + ".categories has no column 'name'",
                "DROP COLUMN name", "the DDL at binlog " + beforeDdl.file(), "binlog-sync resync " + db + ".products",
                "position stays before the DDL"}) {
            assertTrue(message.contains(expected), "'" + expected + "' missing in: " + message);
        }
        BinlogPosition saved = new StateFile(config.state().file()).load().orElseThrow().position();
        assertTrue(saved.compareTo(beforeDdl) <= 0, "saved " + saved + " is past the DDL at " + beforeDdl);
        assertTrue(fixture.document(products, "4").isEmpty(), "nothing after the DDL was written");

        // the fix the message gives: edit the join, restart (the DDL is read again and fits), resync the table
        daemon.close();
        String edited = MAPPINGS.replace("fields = [name]", "fields = [slug]");
        java.nio.file.Path file = fixture.writeConfig(edited);
        SyncConfig fixed = ConfigLoader.parse(fixture.hocon(edited), "joins.conf", Map.of());
        Daemon restarted = fixture.start(fixed);
        fixture.awaitDocument(products, "4", "title", "d");
        assertEquals("{\"slug\":\"desks\"}", fixture.document(products, "4").orElseThrow().path("category")
                .toString());
        java.nio.file.Path log = fixture.directory.resolve("resync.log");
        assertEquals(0, DaemonProcess.run(log, "resync", db + ".products", "--config", file.toString()),
                java.nio.file.Files.readString(log));
        assertEquals("{\"slug\":\"lamps\"}", fixture.document(products, "1").orElseThrow().path("category")
                .toString());
        fixture.awaitCaughtUp(restarted, SyncFixture.DEADLINE);
        VerifyReport report = SyncFixture.verify(fixed);
        assertFalse(report.hasDrift(), report.summary());
    }

    @Test
    void anAlterThatTruncatesAJoinedColumnRebuildsEveryDocumentAndAnAddIndexNone() throws Exception {
        fixture.sql("INSERT INTO " + db + ".categories VALUES (3, 'Chairs', 'chairs')",
                "INSERT INTO " + db + ".products SELECT seq, CONCAT('product ', seq), 1 + seq % 3 FROM "
                        + db + ".seq_4_to_300");
        // pages of 100: the side lane's job reads the products in three pages by key
        SyncConfig config = ConfigLoader.parse(fixture.hocon(MAPPINGS) + "snapshot.mode = initial\n"
                + "snapshot.chunk-size = 100\n", "joins.conf", Map.of());
        Daemon daemon = fixture.start(config);
        String products = fixture.index("products");
        // products 1 and 3 (set up) and 6, 9, ... are Lamps, 2 and 4, 7, ... Desks, 5, 8, ... Chairs
        Poll.until(SyncFixture.DEADLINE, "300 products with their categories", () ->
                categoryNames(products).equals(Map.of("Lamps", 101, "Desks", 100, "Chairs", 99)));
        fixture.awaitCaughtUp(daemon, SyncFixture.DEADLINE);

        // an index, a column no join reads, and a rewrite of values no join reads (slug): no rebuild
        Map<String, Long> versions = new HashMap<>();
        for (int id = 1; id <= 300; id += 10) {
            versions.put(String.valueOf(id), fixture.version(products, String.valueOf(id)));
        }
        fixture.sql("ALTER TABLE " + db + ".categories ADD INDEX (name)",
                "ALTER TABLE " + db + ".categories ADD COLUMN note VARCHAR(8)",
                "SET SESSION sql_mode = ''", "ALTER TABLE " + db + ".categories MODIFY slug VARCHAR(3)",
                "INSERT INTO " + db + ".products VALUES (999, 'marker', 1)");
        fixture.awaitDocument(products, "999", "title", "marker");
        fixture.awaitCaughtUp(daemon, SyncFixture.DEADLINE);
        // a job would have been saved before the DDL's batch was acknowledged: it would still wait, or have
        // rewritten every document
        assertEquals(0, pendingJobs(config), "rebuild jobs after ALTERs no join reads");
        for (Map.Entry<String, Long> document : versions.entrySet()) {
            assertEquals(document.getValue(), fixture.version(products, document.getKey()),
                    "document " + document.getKey() + " rewritten after ALTERs no join reads");
        }

        // a concurrent writer: product titles, and new products of each category
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger changes = new AtomicInteger();
        AtomicInteger inserted = new AtomicInteger();
        Thread writer = new Thread(() -> {
            Random random = new Random(7);
            while (writing.get()) {
                try {
                    int change = changes.incrementAndGet();
                    if (change % 10 == 0) {
                        int id = 1000 + inserted.incrementAndGet();
                        fixture.sql("INSERT INTO " + db + ".products VALUES (" + id + ", 'new', " + (1 + id % 3) + ")");
                    } else {
                        fixture.sql("UPDATE " + db + ".products SET title = 'changed " + change + "' WHERE id = "
                                + (1 + random.nextInt(300)));
                    }
                    Thread.sleep(5);
                } catch (SQLException | InterruptedException e) {
                    return;
                }
            }
        }, "alter-writer");
        writer.start();
        try {
            Poll.until(Duration.ofSeconds(10), "the writer under way", () -> changes.get() > 20);
            // in a non-strict sql_mode the ALTER truncates every name in place: the binlog has the statement only
            fixture.sql("SET SESSION sql_mode = ''", "ALTER TABLE " + db + ".categories MODIFY name VARCHAR(3)");
            Poll.until(Duration.ofSeconds(10), "the writer going on after the ALTER", () -> changes.get() > 60);
        } finally {
            writing.set(false);
            writer.join(5000);
        }
        assertTrue(inserted.get() > 3, "the writer inserted products: " + inserted.get());
        int expected = 301 + inserted.get();
        Poll.until(SyncFixture.DEADLINE, "every product with its category's truncated name", () -> {
            SyncFixture.requireRunning(daemon);
            Map<String, Integer> names = categoryNames(products);
            return names.keySet().equals(java.util.Set.of("Lam", "Des", "Cha"))
                    && names.values().stream().mapToInt(Integer::intValue).sum() == expected;
        });
        fixture.awaitCaughtUp(daemon, SyncFixture.DEADLINE);
        Poll.until(SyncFixture.DEADLINE, "the side lane's jobs done", () -> pendingJobs(config) == 0);
        VerifyReport report = SyncFixture.verify(config);
        assertFalse(report.hasDrift(), report.summary());
        assertEquals(expected, report.mappings().get(0).rowsChecked(), report.summary());
    }

    /** Products by their category's name (refreshed). */
    private Map<String, Integer> categoryNames(String products) {
        Map<String, Integer> names = new HashMap<>();
        fixture.documents(products).values().forEach(document -> names.merge(
                document.path("category").path("name").asText("(none)"), 1, Integer::sum));
        return names;
    }

    private static int pendingJobs(SyncConfig config) {
        try {
            return new io.binlogsync.related.RebuildJobs(config.state().file()).pending().size();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
