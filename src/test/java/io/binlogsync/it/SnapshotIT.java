package io.binlogsync.it;

import io.binlogsync.checkpoint.SnapshotProgressFile;
import io.binlogsync.config.ConfigLoader;
import io.binlogsync.config.SyncConfig;
import io.binlogsync.runtime.Daemon;
import io.binlogsync.verify.VerifyReport;
import java.util.Map;
import io.binlogsync.testing.Poll;
import io.binlogsync.testing.servers.TestServers;
import io.binlogsync.testing.servers.TestServersExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The initial snapshot: a table that already holds rows is copied while a writer keeps changing it, then streamed;
 * and a snapshot killed in its middle resumes from its last chunk.
 */
@ExtendWith(TestServersExtension.class)
class SnapshotIT {
    static final int ROWS = Integer.getInteger("binlogsync.snapshot.rows", 1_000_000);
    private static final String MAPPINGS = "[ { table = \"{db}.items\", index = \"{index}items\" } ]";
    private static final Pattern COPIED = Pattern.compile("snapshot done: (\\d+) rows copied");

    private SyncFixture fixture;

    @BeforeEach
    void setUp(TestServers servers) throws SQLException {
        fixture = new SyncFixture(servers, "snap_" + Long.toString(System.nanoTime(), 36));
        fixture.sql("CREATE DATABASE " + fixture.database());
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private String snapshotConfig(int chunkSize) {
        return fixture.hocon(MAPPINGS) + "snapshot { mode = initial, chunk-size = " + chunkSize + " }\n";
    }

    /** Fills db.items with {@code rows} rows at once (MariaDB's sequence engine), the way a catalogue already is. */
    private void fill(int rows) throws SQLException {
        fixture.sql("INSERT INTO " + fixture.database() + ".items SELECT seq, seq % 1000, CONCAT('title ', seq)"
                + " FROM " + fixture.database() + ".seq_1_to_" + rows);
    }

    @Test
    void aSnapshotUnderWritesEndsEqualToTheTableAndStreamsOn() throws Exception {
        long seed = System.nanoTime();
        Workload workload = new Workload(fixture.mariadb(), fixture.database(), seed, 1);
        fill(ROWS);
        workload.start();
        long started = System.nanoTime();
        SyncConfig config = ConfigLoader.parse(snapshotConfig(5000), "snap.conf", Map.of());
        Daemon daemon = fixture.start(config);
        double seconds = (System.nanoTime() - started) / 1e9;
        int changesDuringSnapshot = workload.changes();
        // the writer goes on while the daemon streams, so the stream too has changes to apply
        Poll.until(Duration.ofSeconds(30), "the writer to change rows after the snapshot",
                () -> workload.changes() > changesDuringSnapshot + 50);
        workload.close();
        fixture.awaitCaughtUp(daemon, Duration.ofSeconds(120));

        VerifyReport report = SyncFixture.verify(config);
        assertFalse(report.hasDrift(), "seed " + seed + ": " + report.summary());
        long tableRows = ((Number) fixture.source.query("SELECT COUNT(*) AS n FROM " + fixture.database() + ".items")
                .get(0).get("n")).longValue();
        assertEquals(tableRows, report.mappings().get(0).rowsChecked(), report.summary());
        assertFalse(Files.exists(new SnapshotProgressFile(fixture.stateFile).path()), "the progress file is gone");
        assertTrue(changesDuringSnapshot > 0, "the writer ran during the snapshot");
        System.out.printf("snapshot: %,d rows in %.1f s (%,.0f rows/s) while the writer made %,d changes%n", ROWS,
                seconds, ROWS / seconds, changesDuringSnapshot);
    }

    @Test
    void aSnapshotKilledInItsMiddleResumesFromItsLastChunk() throws Exception {
        fixture.sql("CREATE TABLE " + fixture.database() + ".items (id INT PRIMARY KEY, v INT, title VARCHAR(64))");
        int rows = Math.min(ROWS, 200_000);
        fill(rows);
        Path config = fixture.directory.resolve("snap.conf");
        Files.writeString(config, snapshotConfig(1000));
        Path progressFile = new SnapshotProgressFile(fixture.stateFile).path();

        DaemonProcess first = DaemonProcess.start(fixture.directory.resolve("first.log"), "run", "--config",
                config.toString());
        Poll.until(Duration.ofSeconds(120), "the snapshot to have copied some chunks", () -> {
            if (!first.isAlive()) {
                throw new Poll.GiveUp("the daemon exited: " + first.logText());
            }
            try {
                return Files.exists(progressFile) && Files.readString(progressFile).contains("\"after\"");
            } catch (java.io.IOException e) {
                return false; // replaced while read
            }
        });
        first.kill();
        fixture.sql("UPDATE " + fixture.database() + ".items SET v = -1 WHERE id % 997 = 0",
                "DELETE FROM " + fixture.database() + ".items WHERE id % 1009 = 0");

        DaemonProcess second = DaemonProcess.start(fixture.directory.resolve("second.log"), "run", "--config",
                config.toString());
        try {
            Poll.until(Duration.ofSeconds(180), "the second run to finish the snapshot", () -> {
                if (!second.isAlive()) {
                    throw new Poll.GiveUp("the daemon exited: " + second.logText());
                }
                return COPIED.matcher(second.logText()).find();
            });
            Matcher copied = COPIED.matcher(second.logText());
            assertTrue(copied.find());
            long secondRun = Long.parseLong(copied.group(1));
            assertTrue(second.logText().contains("resuming the snapshot"), second.logText());
            assertTrue(secondRun < rows, "the second run copied " + secondRun + " of " + rows + " rows: it resumed");
            VerifyReport report = SyncFixture.verify(ConfigLoader.parse(Files.readString(config), "snap.conf", Map.of()));
            assertFalse(report.hasDrift(), report.summary());
        } finally {
            assertEquals(0, second.terminate(30), second.logText());
        }
    }
}
