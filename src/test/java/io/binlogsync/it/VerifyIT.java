package io.binlogsync.it;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.binlogsync.config.SyncConfig;
import io.binlogsync.runtime.Daemon;
import io.binlogsync.testing.Poll;
import io.binlogsync.testing.servers.TestServers;
import io.binlogsync.testing.servers.TestServersExtension;
import io.binlogsync.verify.Drift;
import io.binlogsync.verify.MappingReport;
import io.binlogsync.progress.Progress;
import io.binlogsync.runtime.Components;
import io.binlogsync.verify.VerifyOptions;
import io.binlogsync.verify.VerifyReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code binlog-sync verify} against a synced table and a table with a composite key whose values hold the id's
 * separator and escape: equal at first (exit 0); then documents deleted, added and changed behind the daemon's back
 * are found, exactly those (exit 1, ids named); {@code --repair} fixes them without upsetting the running daemon,
 * and verify is equal again. A lagging daemon is told from drift.
 */
@ExtendWith(TestServersExtension.class)
class VerifyIT {
    private static final int ITEMS = 250;
    private static final String MAPPINGS = "[ { table = \"{db}.items\", index = \"{index}items\" },"
            + " { table = \"{db}.pairs\", index = \"{index}pairs\" } ]";

    private SyncFixture fixture;
    private SyncConfig config;
    private Path configFile;

    @BeforeEach
    void setUp(TestServers servers) throws Exception {
        fixture = new SyncFixture(servers, "verify_" + Long.toString(System.nanoTime(), 36));
        fixture.createDatabase("CREATE TABLE {db}.items (id INT PRIMARY KEY, title VARCHAR(100), price DECIMAL(10,2))",
                "CREATE TABLE {db}.pairs (a INT, b VARCHAR(20), v INT, PRIMARY KEY (a, b))");
        config = fixture.config(MAPPINGS);
        configFile = fixture.writeConfig(MAPPINGS);
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private void writeRows() throws Exception {
        String db = fixture.database();
        List<String> statements = new ArrayList<>();
        for (int i = 1; i <= ITEMS; i++) {
            statements.add("INSERT INTO " + db + ".items VALUES (" + i + ", 'item " + i + "', " + i + ".90)");
        }
        statements.add("INSERT INTO " + db + ".pairs VALUES (1, 'a:b', 1), (1, 'c\\\\\\\\d', 2), (2, '', 3), (2, 'x', 4)");
        fixture.sql(statements.toArray(String[]::new));
    }

    /**
     * The report object, as other tests use verify: chunks of 3, so the composite keys (values holding ':' and
     * backslashes) cross a chunk boundary too; the command below reads chunks of 100.
     */
    private VerifyReport verify(boolean repair) throws Exception {
        VerifyOptions options = new VerifyOptions(Optional.empty(), 3, 20, repair, Duration.ofSeconds(2));
        try (Components components = new Components(config, Clock.systemUTC())) {
            return components.verifier(options).run(Progress.NONE);
        }
    }

    private int verifyCommand(Path log, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("verify", "--config", configFile.toString(), "--chunk-size", "100",
                "--lag-wait", "2"));
        args.addAll(List.of(options));
        return DaemonProcess.run(log, args.toArray(String[]::new));
    }

    @Test
    void findsExactlyTheDocumentsChangedBehindTheDaemonsBackAndRepairsThem() throws Exception {
        Daemon daemon = fixture.start(config);
        writeRows();
        fixture.awaitCaughtUp(daemon, SyncFixture.DEADLINE);

        VerifyReport equal = verify(false);
        assertFalse(equal.hasDrift(), equal.summary());
        assertEquals(List.of((long) ITEMS, 4L), equal.mappings().stream().map(MappingReport::rowsChecked).toList());
        Path log = fixture.directory.resolve("verify-equal.log");
        assertEquals(0, verifyCommand(log), Files.readString(log));

        String items = fixture.index("items");
        String pairs = fixture.index("pairs");
        var es = fixture.servers.elasticsearch();
        assertTrue(es.request("DELETE", "/" + items + "/_doc/17", null).isSuccess());
        assertTrue(es.request("PUT", "/" + items + "/_doc/9999", "{\"id\":9999,\"title\":\"ghost\",\"price\":1.00}")
                .isSuccess());
        ObjectNode changed = (ObjectNode) fixture.document(items, "42").orElseThrow();
        changed.put("title", "tampered");
        assertTrue(es.request("PUT", "/" + items + "/_doc/42", changed.toString()).isSuccess());
        ObjectNode pair = (ObjectNode) fixture.document(pairs, "1:a\\:b").orElseThrow();
        pair.put("v", 100);
        assertTrue(es.request("PUT", "/" + pairs + "/_doc/" + java.net.URLEncoder.encode("1:a\\:b",
                java.nio.charset.StandardCharsets.UTF_8), pair.toString()).isSuccess());
        assertTrue(es.request("PUT", "/" + pairs + "/_doc/3:z", "{\"a\":3,\"b\":\"z\",\"v\":0}").isSuccess());

        VerifyReport drift = verify(false);
        assertTrue(drift.hasDrift());
        assertEquals(Set.of("17: missing", "9999: extra (no row)", "42: differs in title"),
                drift.mappings().get(0).samples().stream().map(Drift::toString).collect(Collectors.toSet()),
                drift.summary());
        assertEquals(Set.of("1:a\\:b: differs in v", "3:z: extra (no row)"),
                drift.mappings().get(1).samples().stream().map(Drift::toString).collect(Collectors.toSet()),
                drift.summary());
        assertEquals(List.of(3L, 2L), drift.mappings().stream().map(MappingReport::drifted).toList());
        Path driftLog = fixture.directory.resolve("verify-drift.log");
        assertEquals(1, verifyCommand(driftLog), Files.readString(driftLog));
        String driftText = Files.readString(driftLog);
        for (String line : List.of("17: missing", "9999: extra (no row)", "42: differs in title",
                "1:a\\:b: differs in v", "3:z: extra (no row)", "DRIFT")) {
            assertTrue(driftText.contains(line), "'" + line + "' missing in:\n" + driftText);
        }

        Path repairLog = fixture.directory.resolve("verify-repair.log");
        assertEquals(0, verifyCommand(repairLog, "--repair"), Files.readString(repairLog));
        assertTrue(Files.readString(repairLog).contains("3 repaired, 0 not repaired"), Files.readString(repairLog));
        VerifyReport repaired = verify(false);
        assertFalse(repaired.hasDrift(), repaired.summary());
        assertEquals("item 42", fixture.document(items, "42").orElseThrow().get("title").asText());
        assertTrue(fixture.document(items, "9999").isEmpty());

        // the repair wrote below the stream's versions: the daemon still runs, and a later change still lands
        SyncFixture.requireRunning(daemon);
        fixture.sql("UPDATE " + fixture.database() + ".items SET title = 'after repair' WHERE id = 17");
        fixture.awaitDocument(items, "17", "title", "after repair");
        fixture.awaitCaughtUp(daemon, SyncFixture.DEADLINE);
        VerifyReport after = verify(false);
        assertFalse(after.hasDrift(), after.summary());
    }

    @Test
    void aLaggingDaemonIsNotDrift() throws Exception {
        Daemon daemon = fixture.start(config);
        writeRows();
        fixture.awaitCaughtUp(daemon, SyncFixture.DEADLINE);
        daemon.close();
        fixture.sql("UPDATE " + fixture.database() + ".items SET title = 'while stopped' WHERE id = 5");

        // verify sees the difference first; only then does the daemon come back and catch up
        Path log = fixture.directory.resolve("verify-lag.log");
        DaemonProcess verify = DaemonProcess.start(log, "verify", "--config", configFile.toString(),
                "--lag-wait", "60", "--table", fixture.database() + ".items");
        try {
            Poll.until(SyncFixture.DEADLINE, "verify to see the lagging document", () -> {
                String text = logText(log);
                if (!verify.isAlive() && !text.contains("looking again")) {
                    throw new Poll.GiveUp("verify ended without looking again:\n" + text);
                }
                return text.contains("1 id(s) differ (first: 5: differs in title)");
            });
            fixture.start(fixture.config(MAPPINGS));
            assertEquals(0, verify.awaitExit(SyncFixture.DEADLINE), logText(log));
        } finally {
            verify.kill();
        }
        String text = logText(log);
        assertTrue(text.contains("1 id(s) differed at first and matched after waiting"), text);
        assertTrue(text.contains("EQUAL"), text);
    }

    private static String logText(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
