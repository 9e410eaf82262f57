package io.binlogsync.it;

import io.binlogsync.config.ConfigLoader;
import io.binlogsync.config.SyncConfig;
import io.binlogsync.runtime.Daemon;
import io.binlogsync.testing.servers.TestServers;
import io.binlogsync.testing.servers.TestServersExtension;
import io.binlogsync.verify.VerifyReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code binlog-sync resync} against a running daemon: rows the index never saw (they existed before the daemon
 * started) and rows a writer keeps changing meanwhile end equal to the table.
 */
@ExtendWith(TestServersExtension.class)
class ResyncIT {
    private static final String MAPPINGS = "[ { table = \"{db}.items\", index = \"{index}items\" } ]";
    private static final int EXISTING_ROWS = 20_000;

    private SyncFixture fixture;

    @BeforeEach
    void setUp(TestServers servers) throws SQLException {
        fixture = new SyncFixture(servers, "resync_" + Long.toString(System.nanoTime(), 36));
        fixture.sql("CREATE DATABASE " + fixture.database());
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void aResyncUnderWritesFillsWhatTheIndexNeverSawAndEndsEqual() throws Exception {
        long seed = System.nanoTime();
        Workload workload = new Workload(fixture.mariadb(), fixture.database(), seed, 2);
        fixture.sql("INSERT INTO " + fixture.database() + ".items SELECT seq, seq % 1000, CONCAT('old ', seq) FROM "
                + fixture.database() + ".seq_1_to_" + EXISTING_ROWS);
        String hocon = fixture.hocon(MAPPINGS) + "snapshot.chunk-size = 1000\n";
        Path configFile = fixture.directory.resolve("resync.conf");
        Files.writeString(configFile, hocon);
        SyncConfig config = ConfigLoader.parse(hocon, "resync.conf", Map.of());

        Path refusedLog = fixture.directory.resolve("refused.log");
        assertEquals(1, DaemonProcess.run(refusedLog, "resync", fixture.database() + ".items", "--config",
                configFile.toString()));
        assertTrue(Files.readString(refusedLog).contains("no daemon runs on"), Files.readString(refusedLog));

        Daemon daemon = fixture.start(config);
        workload.start();
        Path resyncLog = fixture.directory.resolve("resync.log");
        int exit = DaemonProcess.run(resyncLog, "resync", fixture.database() + ".items", "--config",
                configFile.toString());
        String output = Files.readString(resyncLog);
        assertEquals(0, exit, output);
        assertTrue(output.contains("resync of " + fixture.database() + ".items done"), output);
        int changesDuringResync = workload.changes();
        workload.close();
        fixture.awaitCaughtUp(daemon, Duration.ofSeconds(60));

        VerifyReport report = SyncFixture.verify(config);
        assertFalse(report.hasDrift(), "seed " + seed + ": " + report.summary());
        long tableRows = ((Number) fixture.source.query("SELECT COUNT(*) AS n FROM " + fixture.database() + ".items")
                .get(0).get("n")).longValue();
        assertEquals(tableRows, report.mappings().get(0).rowsChecked(), report.summary());
        assertTrue(tableRows >= EXISTING_ROWS / 2, "rows: " + tableRows);
        assertTrue(changesDuringResync > 0, "the writer ran during the resync");
    }

    @Test
    void aResyncAfterAnAlterWritesTheTablesColumnsAsTheyAreNow() throws Exception {
        String table = fixture.database() + ".items";
        fixture.sql("CREATE TABLE " + table + " (id INT PRIMARY KEY, v INT, title VARCHAR(64))");
        String hocon = fixture.hocon(MAPPINGS);
        Path configFile = fixture.directory.resolve("alter.conf");
        Files.writeString(configFile, hocon);
        SyncConfig config = ConfigLoader.parse(hocon, "alter.conf", Map.of());
        Daemon daemon = fixture.start(config);
        fixture.sql("INSERT INTO " + table + " SELECT seq, seq, CONCAT('t', seq) FROM " + fixture.database()
                + ".seq_1_to_300");
        fixture.awaitCaughtUp(daemon, Duration.ofSeconds(60));
        // the new column's default reaches no document until its row changes again
        fixture.sql("ALTER TABLE " + table + " ADD COLUMN note VARCHAR(20) NOT NULL DEFAULT 'backfilled'");
        fixture.awaitCaughtUp(daemon, Duration.ofSeconds(60));
        assertTrue(SyncFixture.verify(config).hasDrift(), "before the resync the documents lack the new column");

        Path log = fixture.directory.resolve("alter-resync.log");
        assertEquals(0, DaemonProcess.run(log, "resync", table, "--config", configFile.toString()),
                Files.readString(log));

        VerifyReport report = SyncFixture.verify(config);
        assertFalse(report.hasDrift(), report.summary());
        assertEquals("backfilled", fixture.document(fixture.index("items"), "300").orElseThrow().path("note").asText());
    }
}
