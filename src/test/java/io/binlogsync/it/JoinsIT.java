package io.binlogsync.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.binlogsync.config.SyncConfig;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fields from related tables, end to end on the shared MariaDB and Elasticsearch, while a writer keeps changing
 * other products and another table: a product document carries its category (many-to-one, an object) and its
 * variants (one-to-many, an array of objects ordered by sku, and an array of their skus).
 */
@ExtendWith(TestServersExtension.class)
class JoinsIT {
    static final String MAPPINGS = """
            [ { table = "{db}.products", index = "{index}products",
                join = [ { table = "{db}.categories", on { category_id = id }, as = category, fields = [name] },
                         { table = "{db}.variants", many = true, on { id = product_id }, as = variants,
                           fields = [sku, price], order-by = sku },
                         { table = "{db}.variants", many = true, shape = values, on { id = product_id },
                           as = skus, fields = [sku], order-by = sku } ] },
              { table = "{db}.items", index = "{index}items" } ]""";

    private SyncFixture fixture;
    private String db;

    @BeforeEach
    void setUp(TestServers servers) throws SQLException {
        fixture = new SyncFixture(servers, "joins_" + Long.toString(System.nanoTime(), 36));
        db = fixture.database();
        createTables(fixture);
    }

    static void createTables(SyncFixture fixture) throws SQLException {
        String db = fixture.database();
        fixture.sql("CREATE DATABASE " + db,
                "CREATE TABLE " + db + ".categories (id INT PRIMARY KEY, name VARCHAR(64))",
                "CREATE TABLE " + db + ".products (id INT PRIMARY KEY, title VARCHAR(64), category_id INT,"
                        + " KEY (category_id))",
                "CREATE TABLE " + db + ".variants (id INT PRIMARY KEY, product_id INT, sku VARCHAR(32),"
                        + " price DECIMAL(8,2), KEY (product_id))");
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void relatedRowChangesUpdateExactlyTheAffectedDocuments() throws Exception {
        // rows before the start come in through the initial snapshot, with their related fields
        fixture.sql("INSERT INTO " + db + ".categories VALUES (1, 'Lamps'), (2, 'Desks'), (3, 'Chairs')",
                "INSERT INTO " + db + ".products SELECT seq, CONCAT('product ', seq), 1 + seq % 3 FROM "
                        + db + ".seq_1_to_300",
                "INSERT INTO " + db + ".variants SELECT seq, 1 + seq % 300, CONCAT('sku-', 1000 - seq), seq FROM "
                        + db + ".seq_1_to_600");
        SyncConfig config = io.binlogsync.config.ConfigLoader.parse(fixture.hocon(MAPPINGS) + "snapshot.mode = initial\n",
                "joins.conf", Map.of());
        Workload items = new Workload(fixture.mariadb(), db, 17, 5);
        Daemon daemon = fixture.start(config);
        String products = fixture.index("products");
        JsonNode first = fixture.document(products, "2").orElseThrow();
        assertEquals("Chairs", first.path("category").path("name").asText());
        assertEquals(2, first.path("variants").size());
        assertEquals("sku-699", first.path("variants").get(0).path("sku").asText(), first.toString());
        assertEquals("[\"sku-699\",\"sku-999\"]", first.path("skus").toString());

        // a concurrent writer: titles of products 3, 6, 9... (category 1) and the items table
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger titleChanges = new AtomicInteger();
        Thread writer = new Thread(() -> {
            Random random = new Random(3);
            while (writing.get()) {
                int id = 3 * (1 + random.nextInt(100));
                try {
                    fixture.sql("UPDATE " + db + ".products SET title = 'changed " + titleChanges.incrementAndGet()
                            + "' WHERE id = " + id);
                    Thread.sleep(5);
                } catch (SQLException | InterruptedException e) {
                    return;
                }
            }
        }, "joins-writer");
        writer.start();
        items.start();
        try {
            // category 2's documents (products 1, 4, 7...) must not be touched by category 1's rename
            Map<String, Long> untouched = new HashMap<>();
            for (int id = 1; id <= 300; id += 3) {
                untouched.put(String.valueOf(id), fixture.version(products, String.valueOf(id)));
            }

            fixture.sql("UPDATE " + db + ".categories SET name = 'Lights' WHERE id = 1");
            Poll.until(SyncFixture.DEADLINE, "every product of category 1 named Lights", () -> {
                SyncFixture.requireRunning(daemon);
                return categoryNames(products, 1).equals(Map.of("Lights", 100));
            });
            for (Map.Entry<String, Long> document : untouched.entrySet()) {
                assertEquals(document.getValue(), fixture.version(products, document.getKey()),
                        "document " + document.getKey() + " of category 2 was rewritten by category 1's rename");
            }

            fixture.sql("DELETE FROM " + db + ".categories WHERE id = 3");
            Poll.until(SyncFixture.DEADLINE, "category 3's products without a category", () -> {
                SyncFixture.requireRunning(daemon);
                return fixture.documents(products).values().stream().filter(doc -> doc.path("category_id").asInt() == 3)
                        .allMatch(doc -> doc.path("category").isNull());
            });

            // variant 7 belongs to product 8; it moves to product 10
            fixture.sql("UPDATE " + db + ".variants SET product_id = 10 WHERE id = 7");
            Poll.until(SyncFixture.DEADLINE, "variant 7 moved from product 8 to 10", () ->
                    skus(products, "8").equals(List.of("sku-693")) && skus(products, "10").size() == 3
                            && skus(products, "10").contains("sku-993"));

            // product 20 has variants 19 and 319: delete both, the last one on its own
            fixture.sql("DELETE FROM " + db + ".variants WHERE id = 19");
            fixture.sql("DELETE FROM " + db + ".variants WHERE id = 319");
            Poll.until(SyncFixture.DEADLINE, "product 20 without variants", () ->
                    fixture.document(products, "20").map(doc -> doc.path("variants").isArray()
                            && doc.path("variants").isEmpty() && doc.path("skus").isEmpty()).orElse(false));

            // a new product with a category that does not exist yet, then the category
            fixture.sql("INSERT INTO " + db + ".products VALUES (1000, 'new', 9)");
            fixture.awaitDocument(products, "1000", "title", "new");
            assertTrue(fixture.document(products, "1000").orElseThrow().path("category").isNull());
            fixture.sql("INSERT INTO " + db + ".categories VALUES (9, 'Rugs')");
            Poll.until(SyncFixture.DEADLINE, "product 1000 in Rugs", () -> fixture.document(products, "1000")
                    .map(doc -> doc.path("category").path("name").asText("").equals("Rugs")).orElse(false));
            fixture.sql("DELETE FROM " + db + ".products WHERE id = 1000");
            fixture.awaitNoDocument(products, "1000");
        } finally {
            writing.set(false);
            writer.join(5000);
            items.close();
        }
        assertTrue(titleChanges.get() > 10, "the writer ran: " + titleChanges.get());
        fixture.awaitCaughtUp(daemon, Duration.ofSeconds(60));
        VerifyReport report = SyncFixture.verify(config);
        assertFalse(report.hasDrift(), report.summary());
        assertEquals(300, report.mappings().get(0).rowsChecked(), report.summary());
    }

    @Test
    void aTruncateOfARelatedTableRebuildsEveryDocumentThatJoinsIt() throws Exception {
        fixture.sql("INSERT INTO " + db + ".categories VALUES (1, 'Lamps'), (2, 'Desks')",
                "INSERT INTO " + db + ".products SELECT seq, CONCAT('product ', seq), 1 + seq % 2 FROM "
                        + db + ".seq_1_to_250",
                "INSERT INTO " + db + ".variants SELECT seq, 1 + seq % 250, CONCAT('sku-', seq), seq FROM "
                        + db + ".seq_1_to_500",
                "CREATE TABLE " + db + ".items (id INT PRIMARY KEY, v INT, title VARCHAR(64))");
        // pages of 100: the lane's job reads the products in three pages by key
        SyncConfig config = io.binlogsync.config.ConfigLoader.parse(fixture.hocon(MAPPINGS)
                + "snapshot.mode = initial\nsnapshot.chunk-size = 100\n", "joins.conf", Map.of());
        Daemon daemon = fixture.start(config);
        String products = fixture.index("products");
        assertEquals(2, fixture.document(products, "7").orElseThrow().path("variants").size());

        // a variant inserted right after the TRUNCATE is not lost to the rebuild that empties the others
        fixture.sql("TRUNCATE TABLE " + db + ".variants",
                "INSERT INTO " + db + ".variants VALUES (9001, 7, 'sku-new', 1.00)");
        Poll.until(SyncFixture.DEADLINE, "every product's variants emptied but product 7's new one", () -> {
            SyncFixture.requireRunning(daemon);
            Map<String, JsonNode> documents = fixture.documents(products);
            return documents.size() == 250 && documents.entrySet().stream().allMatch(document -> document.getKey()
                    .equals("7") ? document.getValue().path("skus").toString().equals("[\"sku-new\"]")
                    : document.getValue().path("variants").isArray() && document.getValue().path("variants").isEmpty()
                    && document.getValue().path("skus").isEmpty());
        });

        fixture.sql("TRUNCATE TABLE " + db + ".categories");
        Poll.until(SyncFixture.DEADLINE, "every product without a category", () -> {
            SyncFixture.requireRunning(daemon);
            return fixture.documents(products).values().stream().allMatch(doc -> doc.path("category").isNull()
                    && !doc.path("category").isMissingNode());
        });
        assertEquals(250, fixture.documents(products).size());
        fixture.awaitCaughtUp(daemon, Duration.ofSeconds(60));
        Poll.until(SyncFixture.DEADLINE, "the side lane's jobs done", () -> noJobsLeft(config));
        VerifyReport report = SyncFixture.verify(config);
        assertFalse(report.hasDrift(), report.summary());
        assertEquals(250, report.mappings().get(0).rowsChecked(), report.summary());
    }

    private static boolean noJobsLeft(SyncConfig config) {
        try {
            return new io.binlogsync.related.RebuildJobs(config.state().file()).pending().isEmpty();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aRelatedRowsChangeDeletesTheCacheKeysOfExactlyTheRebuiltDocuments() throws Exception {
        fixture.sql("INSERT INTO " + db + ".categories VALUES (1, 'Lamps'), (2, 'Desks')",
                "INSERT INTO " + db + ".products SELECT seq, CONCAT('product ', seq), 1 + seq % 2 FROM "
                        + db + ".seq_1_to_60",
                "INSERT INTO " + db + ".variants SELECT seq, seq, CONCAT('sku-', seq), seq FROM " + db
                        + ".seq_1_to_60");
        String mappings = """
                [ { table = "{db}.products", index = "{index}products", redis.invalidate = ["{db}:product:{id}"],
                    join = [ { table = "{db}.categories", on { category_id = id }, as = category, fields = [name] },
                             { table = "{db}.variants", many = true, on { id = product_id }, as = variants,
                               fields = [sku] } ] } ]""";
        SyncConfig config = io.binlogsync.config.ConfigLoader.parse(fixture.hocon(mappings)
                + "snapshot.mode = initial\n", "joins.conf", Map.of());
        Daemon daemon = fixture.start(config);
        String products = fixture.index("products");
        String prefix = db + ":product:";
        try (redis.clients.jedis.Jedis redis = fixture.redis()) {
            for (int id = 1; id <= 60; id++) {
                redis.set(prefix + id, "cached");
            }
            // category 1 holds the even products (the side lane)
            fixture.sql("UPDATE " + db + ".categories SET name = 'Lights' WHERE id = 1");
            Poll.until(SyncFixture.DEADLINE, "the keys of category 1's products deleted", () -> {
                SyncFixture.requireRunning(daemon);
                for (int id = 2; id <= 60; id += 2) {
                    if (redis.exists(prefix + id)) {
                        return false;
                    }
                }
                return true;
            });
            assertEquals(30, categoryNames(products, 1).getOrDefault("Lights", 0));
            for (int id = 1; id <= 60; id += 2) {
                assertTrue(redis.exists(prefix + id), "the key of product " + id + " (category 2) was deleted");
            }

            // a variant's change (inline): its product's key, no other
            redis.set(prefix + 4, "cached");
            fixture.sql("UPDATE " + db + ".variants SET sku = 'renamed' WHERE id = 5");
            Poll.until(SyncFixture.DEADLINE, "the key of product 5 deleted", () -> !redis.exists(prefix + 5));
            assertEquals("[{\"sku\":\"renamed\"}]",
                    fixture.document(products, "5").orElseThrow().path("variants").toString());
            fixture.awaitCaughtUp(daemon, Duration.ofSeconds(60));
            for (int id = 1; id <= 60; id++) {
                assertEquals(id == 5 || id % 2 == 0 && id != 4, !redis.exists(prefix + id), "key of product " + id);
            }

            // a TRUNCATE of a related table: every product's key
            for (int id = 1; id <= 60; id++) {
                redis.set(prefix + id, "cached");
            }
            fixture.sql("TRUNCATE TABLE " + db + ".categories");
            Poll.until(SyncFixture.DEADLINE, "every product's key deleted and category null", () -> {
                SyncFixture.requireRunning(daemon);
                for (int id = 1; id <= 60; id++) {
                    if (redis.exists(prefix + id)) {
                        return false;
                    }
                }
                return fixture.documents(products).values().stream().allMatch(doc -> doc.path("category").isNull()
                        && !doc.path("category").isMissingNode());
            });
        }
        VerifyReport report = SyncFixture.verify(config);
        assertFalse(report.hasDrift(), report.summary());
    }

    @Test
    void aRowFilterAppliesToJoinedDocumentsInTheSnapshotTheStreamAndVerify() throws Exception {
        fixture.sql("INSERT INTO " + db + ".categories VALUES (1, 'Lamps')",
                "INSERT INTO " + db + ".products VALUES (1, 'shown', 1), (2, 'hidden', 1), (3, 'shown', 1)",
                "INSERT INTO " + db + ".variants VALUES (1, 1, 'A', 1.00), (2, 2, 'B', 2.00)",
                "CREATE TABLE " + db + ".items (id INT PRIMARY KEY, v INT, title VARCHAR(64))");
        String mappings = """
                [ { table = "{db}.products", index = "{index}products",
                    filter { column = title, not-equals = hidden },
                    join = [ { table = "{db}.categories", on { category_id = id }, as = category, fields = [name] },
                             { table = "{db}.variants", many = true, on { id = product_id }, as = variants,
                               fields = [sku] } ] } ]""";
        SyncConfig config = io.binlogsync.config.ConfigLoader.parse(fixture.hocon(mappings)
                + "snapshot.mode = initial\n", "joins.conf", Map.of());
        Daemon daemon = fixture.start(config);
        String products = fixture.index("products");
        assertEquals(List.of("1", "3"), fixture.documents(products).keySet().stream().sorted().toList());

        fixture.sql("UPDATE " + db + ".categories SET name = 'Lights' WHERE id = 1",
                "UPDATE " + db + ".variants SET sku = 'C' WHERE id = 2");
        Poll.until(SyncFixture.DEADLINE, "products 1 and 3 in Lights", () -> fixture.documents(products).values()
                .stream().filter(doc -> doc.path("category").path("name").asText("").equals("Lights")).count() == 2);
        fixture.sql("UPDATE " + db + ".products SET title = 'hidden' WHERE id = 1",
                "UPDATE " + db + ".products SET title = 'shown' WHERE id = 2");
        fixture.awaitNoDocument(products, "1");
        Poll.until(SyncFixture.DEADLINE, "product 2 shown with its variant", () -> fixture.document(products, "2")
                .map(doc -> doc.path("variants").toString().equals("[{\"sku\":\"C\"}]")).orElse(false));
        fixture.awaitCaughtUp(daemon, Duration.ofSeconds(60));
        assertEquals(List.of("2", "3"), fixture.documents(products).keySet().stream().sorted().toList());
        VerifyReport report = SyncFixture.verify(config);
        assertFalse(report.hasDrift(), report.summary());
    }

    @Test
    void resyncAndResyncIntoANewIndexBuildTheJoinedDocuments() throws Exception {
        fixture.sql("INSERT INTO " + db + ".categories VALUES (1, 'Lamps'), (2, 'Desks')",
                "INSERT INTO " + db + ".products SELECT seq, CONCAT('product ', seq), 1 + seq % 2 FROM "
                        + db + ".seq_1_to_50",
                "INSERT INTO " + db + ".variants SELECT seq, 1 + seq % 50, CONCAT('sku-', seq), seq FROM "
                        + db + ".seq_1_to_100",
                "CREATE TABLE " + db + ".items (id INT PRIMARY KEY, v INT, title VARCHAR(64))");
        java.nio.file.Path file = fixture.writeConfig(MAPPINGS);
        SyncConfig config = fixture.config(MAPPINGS);
        Daemon daemon = fixture.start(config);
        String products = fixture.index("products");

        java.nio.file.Path log = fixture.directory.resolve("resync.log");
        assertEquals(0, DaemonProcess.run(log, "resync", db + ".products", "--config", file.toString()),
                java.nio.file.Files.readString(log));
        assertEquals("Desks", fixture.document(products, "1").orElseThrow().path("category").path("name").asText());
        assertEquals(50, fixture.documents(products).size());
        assertFalse(SyncFixture.verify(config).hasDrift());

        fixture.sql("UPDATE " + db + ".categories SET name = 'Tables' WHERE id = 2");
        java.nio.file.Path rebuildLog = fixture.directory.resolve("rebuild.log");
        assertEquals(0, DaemonProcess.run(rebuildLog, "resync", db + ".products", "--config", file.toString(),
                "--new-index"), java.nio.file.Files.readString(rebuildLog));
        assertTrue(java.nio.file.Files.readString(rebuildLog).contains("alias " + products + " now points to"),
                java.nio.file.Files.readString(rebuildLog));
        Poll.until(SyncFixture.DEADLINE, "product 1 in Tables through the alias", () -> fixture.document(products,
                "1").map(doc -> doc.path("category").path("name").asText("").equals("Tables")).orElse(false));
        JsonNode one = fixture.document(products, "1").orElseThrow();
        assertEquals(2, one.path("variants").size(), one.toString());
        fixture.awaitCaughtUp(daemon, Duration.ofSeconds(60));
        VerifyReport report = SyncFixture.verify(config);
        assertFalse(report.hasDrift(), report.summary());
    }

    @Test
    void checkWarnsAboutAJoinColumnWithoutAnIndex() throws Exception {
        fixture.sql("ALTER TABLE " + db + ".variants DROP KEY product_id",
                "CREATE TABLE " + db + ".items (id INT PRIMARY KEY, v INT, title VARCHAR(64))");
        SyncConfig config = fixture.config(MAPPINGS);
        try (var components = new io.binlogsync.runtime.Components(config, java.time.Clock.systemUTC());
             var connection = components.database().open()) {
            List<String> warnings = io.binlogsync.related.JoinIndexCheck.warnings(components.relatedTables(),
                    connection);
            assertEquals(2, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).startsWith("WARN joins: mappings[0].join[1]: " + db + ".variants.product_id"
                    + " leads no index"), warnings.get(0));
            assertTrue(warnings.get(0).contains("CREATE INDEX product_id ON " + db + ".variants (product_id)"),
                    warnings.get(0));
        }
    }

    private Map<String, Integer> categoryNames(String index, int category) {
        Map<String, Integer> names = new HashMap<>();
        for (JsonNode doc : fixture.documents(index).values()) {
            if (doc.path("category_id").asInt() == category) {
                names.merge(doc.path("category").path("name").asText("<none>"), 1, Integer::sum);
            }
        }
        return names;
    }

    private List<String> skus(String index, String id) {
        List<String> skus = new ArrayList<>();
        fixture.document(index, id).ifPresent(doc -> doc.path("skus").forEach(sku -> skus.add(sku.asText())));
        return skus;
    }
}
