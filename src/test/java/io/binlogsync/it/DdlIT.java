package io.binlogsync.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.binlogsync.checkpoint.Checkpoint;
import io.binlogsync.checkpoint.StateFile;
import io.binlogsync.config.SyncConfig;
import io.binlogsync.runtime.Daemon;
import io.binlogsync.testing.Poll;
import io.binlogsync.testing.servers.TestServers;
import io.binlogsync.testing.servers.TestServersExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Schema changes in the middle of a stream of writes, followed without a restart, and after a resume. */
@ExtendWith(TestServersExtension.class)
class DdlIT {
    private static final String MAPPINGS = """
            [ { table = "{db}.items", index = "{index}items" }
              { table = "{db}.other", index = "{index}other" } ]""";

    private SyncFixture fixture;
    private String db;

    @BeforeEach
    void setUp(TestServers servers) throws SQLException {
        fixture = new SyncFixture(servers, "ddl_" + Long.toString(System.nanoTime(), 36));
        db = fixture.database();
        fixture.createDatabase(
                "CREATE TABLE {db}.items (id INT PRIMARY KEY, name VARCHAR(20), qty INT, note VARCHAR(20))",
                "CREATE TABLE {db}.other (id INT PRIMARY KEY, v INT)");
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private JsonNode item(String id) {
        return fixture.document(fixture.index("items"), id).orElseThrow();
    }

    private void insertAndAwait(String values, String id) throws SQLException {
        fixture.sql("INSERT INTO " + db + ".items VALUES " + values);
        Poll.until(SyncFixture.DEADLINE, "item " + id, () -> fixture.document(fixture.index("items"), id).isPresent());
    }

    @Test
    void columnsAddedDroppedRenamedReorderedAndRetypedAreFollowedLive() throws Exception {
        Daemon daemon = fixture.start(fixture.config(MAPPINGS));
        insertAndAwait("(1, 'one', 1, 'n1')", "1");
        fixture.sql("ALTER TABLE " + db + ".items ADD COLUMN color VARCHAR(10) AFTER name");
        insertAndAwait("(2, 'two', 'red', 2, 'n2')", "2");
        fixture.sql("ALTER TABLE " + db + ".items DROP COLUMN note");
        insertAndAwait("(3, 'three', 'blue', 3)", "3");
        fixture.sql("ALTER TABLE " + db + ".items RENAME COLUMN name TO title");
        insertAndAwait("(4, 'four', 'green', 4)", "4");
        fixture.sql("ALTER TABLE " + db + ".items MODIFY COLUMN qty DECIMAL(10,2) AFTER id");
        fixture.sql("INSERT INTO " + db + ".items (id, qty, title, color) VALUES (5, 5.50, 'five', 'black')");
        Poll.until(SyncFixture.DEADLINE, "item 5", () -> fixture.document(fixture.index("items"), "5").isPresent());

        assertEquals("n1", item("1").get("note").asText());
        assertFalse(item("1").has("color"), "rows before the ALTER keep the columns they had");
        assertEquals("red", item("2").get("color").asText());
        assertFalse(item("3").has("note"), "a dropped column is gone from later rows");
        assertEquals("four", item("4").get("title").asText());
        assertFalse(item("4").has("name"));
        assertEquals("5.50", item("5").get("qty").decimalValue().toPlainString(), "the retyped column's value is exact");
        assertEquals("black", item("5").get("color").asText());
        assertTrue(daemon.failure().isEmpty());
    }

    @Test
    void aResumeFromBeforeAnAlterReadsEachRowWithTheColumnsItHad() throws Exception {
        SyncConfig config = fixture.config(MAPPINGS);
        Daemon first = fixture.start(config);
        Checkpoint before = first.acknowledged();
        first.close();
        fixture.sql("INSERT INTO " + db + ".items VALUES (1, 'old', 1, 'kept')",
                "ALTER TABLE " + db + ".items DROP COLUMN note, ADD COLUMN size VARCHAR(5) FIRST",
                "INSERT INTO " + db + ".items VALUES ('XL', 2, 'new', 2)");
        new StateFile(fixture.stateFile).save(new Checkpoint(before.position(), Optional.empty(), Instant.now()));
        Daemon resumed = fixture.start(config);
        fixture.awaitCaughtUp(resumed, SyncFixture.DEADLINE);
        assertEquals("kept", item("1").get("note").asText());
        assertFalse(item("1").has("size"));
        assertEquals("XL", item("2").get("size").asText());
        assertFalse(item("2").has("note"));
        assertEquals("new", item("2").get("name").asText());
    }

    @Test
    void truncateDeletesTheTablesDocumentsAndKeepsLaterRows() throws Exception {
        Daemon daemon = fixture.start(fixture.config(MAPPINGS));
        fixture.sql("INSERT INTO " + db + ".items VALUES (1, 'a', 1, NULL), (2, 'b', 2, NULL)",
                "INSERT INTO " + db + ".other VALUES (1, 1)",
                "TRUNCATE TABLE " + db + ".items",
                "INSERT INTO " + db + ".items VALUES (3, 'c', 3, NULL)");
        fixture.awaitCaughtUp(daemon, SyncFixture.DEADLINE);
        assertEquals(java.util.Set.of("3"), fixture.documents(fixture.index("items")).keySet());
        assertEquals(java.util.Set.of("1"), fixture.documents(fixture.index("other")).keySet(),
                "the other table's index is untouched");
    }

    @Test
    void droppingAMappedTableStopsItsMappingAndTheRestGoesOn() throws Exception {
        Daemon daemon = fixture.start(fixture.config(MAPPINGS));
        insertAndAwait("(1, 'a', 1, NULL)", "1");
        fixture.sql("DROP TABLE " + db + ".items", "INSERT INTO " + db + ".other VALUES (7, 7)");
        fixture.awaitCaughtUp(daemon, SyncFixture.DEADLINE);
        assertTrue(fixture.document(fixture.index("other"), "7").isPresent());
        assertTrue(daemon.failure().isEmpty(), "the daemon keeps running: " + daemon.failure());
        // a table of the same name created again is mapped again, with no restart and no row lost
        fixture.sql("CREATE TABLE " + db + ".items (id INT PRIMARY KEY, name VARCHAR(20), qty INT, note VARCHAR(20))",
                "INSERT INTO " + db + ".items VALUES (9, 'again', 9, NULL)");
        fixture.awaitDocument(fixture.index("items"), "9", "name", "again");
    }

    @Test
    void aRenamedTableIsNoLongerMappedAndTheRestGoesOn() throws Exception {
        Daemon daemon = fixture.start(fixture.config(MAPPINGS));
        insertAndAwait("(1, 'a', 1, NULL)", "1");
        fixture.sql("RENAME TABLE " + db + ".items TO " + db + ".items_old",
                "INSERT INTO " + db + ".items_old VALUES (2, 'b', 2, NULL)",
                "CREATE TABLE " + db + ".items (id INT PRIMARY KEY, name VARCHAR(20), qty INT, note VARCHAR(20))",
                "INSERT INTO " + db + ".items VALUES (3, 'c', 3, NULL)", "INSERT INTO " + db + ".other VALUES (1, 1)");
        fixture.awaitCaughtUp(daemon, SyncFixture.DEADLINE);
        assertEquals(java.util.Set.of("1", "3"), fixture.documents(fixture.index("items")).keySet(),
                "rows under the old name are not mapped; the re-created table is");
        assertTrue(fixture.document(fixture.index("other"), "1").isPresent());
        assertTrue(daemon.failure().isEmpty());
    }

    @Test
    void thePoliciesStopOnDropAndIgnoreATruncateWhenConfiguredSo() throws Exception {
        Daemon daemon = fixture.start(fixture.config(MAPPINGS + "\nddl { on-truncate = ignore, on-drop = stop }"));
        insertAndAwait("(1, 'a', 1, NULL)", "1");
        fixture.sql("TRUNCATE TABLE " + db + ".items", "INSERT INTO " + db + ".items VALUES (2, 'b', 2, NULL)");
        fixture.awaitCaughtUp(daemon, SyncFixture.DEADLINE);
        assertEquals(java.util.Set.of("1", "2"), fixture.documents(fixture.index("items")).keySet(),
                "with on-truncate = ignore the documents stay");
        fixture.sql("DROP TABLE " + db + ".items");
        Throwable failure = SyncFixture.awaitFailure(daemon);
        assertTrue(failure.getMessage().contains("ddl.on-drop = stop"), failure.getMessage());
    }

    @Test
    void aDdlThatBreaksAMappingStopsNamingTheMappingColumnAndDdl() throws Exception {
        Daemon daemon = fixture.start(fixture.config("""
                [ { table = "{db}.items", index = "{index}items", redis.invalidate = ["item:{note}"] } ]"""));
        insertAndAwait("(1, 'a', 1, 'x')", "1");
        fixture.sql("ALTER TABLE " + db + ".items DROP COLUMN note", "INSERT INTO " + db + ".items VALUES (2, 'b', 2)");
        Throwable failure = SyncFixture.awaitFailure(daemon);
        String message = failure.getMessage();
        for (String expected : new String[] {"mappings[0]", "redis.invalidate[0] 'item:{note}' column 'note'",
                "DROP COLUMN note", "the DDL at binlog mysql-bin."}) {
            assertTrue(message.contains(expected), "'" + expected + "' missing in: " + message);
        }
    }
}
