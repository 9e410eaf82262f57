package io.binlogsync.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.binlogsync.testing.Poll;
import io.binlogsync.testing.servers.TestServers;
import io.binlogsync.testing.servers.TestServersExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The packaged daemon's log as JSON lines at DEBUG: one line per event, and no row's content. */
@ExtendWith(TestServersExtension.class)
class LogLinesIT {
    private static final String ROW_VALUE = "zq-secret-title-7731";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SyncFixture fixture;

    @BeforeEach
    void setUp(TestServers servers) {
        fixture = new SyncFixture(servers, "logs_" + Long.toString(System.nanoTime(), 36));
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void jsonLinesAtDebugNameEachEventOnceAndNoRowValue() throws Exception {
        fixture.createDatabase("CREATE TABLE {db}.items (id INT PRIMARY KEY, v INT, title VARCHAR(64))");
        Path config = fixture.writeConfig("[ { table = \"{db}.items\", index = \"{index}items\" } ]");
        Path log = fixture.directory.resolve("daemon.log");
        DaemonProcess daemon = DaemonProcess.start(log, "run", "--config", config.toString(),
                "--log-format", "json", "--log-level", "debug");
        Poll.until(Duration.ofSeconds(30), "the state file to be created", () -> Files.exists(fixture.stateFile));
        fixture.sql("INSERT INTO " + fixture.database() + ".items VALUES (1, 1, '" + ROW_VALUE + "')");
        fixture.awaitDocument(fixture.index("items"), "1", "title", ROW_VALUE);
        fixture.sql("FLUSH BINARY LOGS");
        fixture.sql("ALTER TABLE " + fixture.database() + ".items ADD COLUMN note VARCHAR(20)");
        fixture.sql("UPDATE " + fixture.database() + ".items SET title = '" + ROW_VALUE + "-2' WHERE id = 1");
        fixture.awaitDocument(fixture.index("items"), "1", "title", ROW_VALUE + "-2");
        Poll.until(Duration.ofSeconds(20), "the rotation and the DDL in the log", () -> {
            String text = daemon.logText();
            return text.contains("binlog rotated") && text.contains("DDL on mapped table");
        });
        assertEquals(0, daemon.terminate(20), "exit code; log: " + daemon.logText());

        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            JsonNode node = JSON.readTree(line);
            assertTrue(node.isObject() && node.hasNonNull("level") && node.hasNonNull("formattedMessage"),
                    "not a JSON log line: " + line);
            assertFalse(line.contains(ROW_VALUE), "a row's value in the log: " + line);
            lines.add(node);
        }
        assertTrue(lines.stream().anyMatch(l -> l.get("level").asText().equals("DEBUG")), "no DEBUG line");
        assertEquals(1, count(lines, "reading the binlog of"), "connected lines");
        assertEquals(1, count(lines, "binlog rotated"), "rotation lines");
        assertEquals(1, count(lines, "DDL on mapped table"), "DDL lines");
        assertEquals(1, count(lines, "binlog-sync started"), "started lines");
    }

    private static long count(List<JsonNode> lines, String text) {
        return lines.stream().filter(l -> l.get("formattedMessage").asText().contains(text)).count();
    }
}
