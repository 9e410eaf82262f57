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
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DDL of a related table while the daemon runs: a change the join still fits is followed without a restart; one that
 * drops a column the join names stops the daemon before the DDL, naming the join, table, column, position and fix.
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
}
