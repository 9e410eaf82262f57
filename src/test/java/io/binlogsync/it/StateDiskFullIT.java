package io.binlogsync.it;

import io.binlogsync.checkpoint.StateFile;
import io.binlogsync.config.ConfigLoader;
import io.binlogsync.config.SyncConfig;
import io.binlogsync.runtime.Daemon;
import io.binlogsync.testing.CurrentUser;
import io.binlogsync.testing.servers.TestServers;
import io.binlogsync.testing.servers.TestServersExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The state file's disk fills up while the daemon runs: it must stop with an error naming the file, leave the old
 * state intact, and once space is freed resume from it without losing a change. The disk is a small tmpfs mounted
 * for the test (root only; CI runs as root).
 */
@ExtendWith(TestServersExtension.class)
class StateDiskFullIT {
    private static final String MAPPINGS = "[ { table = \"{db}.items\", index = \"{index}items\" } ]";

    private SyncFixture fixture;
    private Path disk;
    private boolean mounted;

    @BeforeEach
    void setUp(TestServers servers) throws Exception {
        Assumptions.assumeTrue(CurrentUser.isRoot(), "mounting a small tmpfs needs root (CI runs as root)");
        fixture = new SyncFixture(servers, "diskfull_" + Long.toString(System.nanoTime(), 36));
        disk = Files.createDirectories(fixture.directory.resolve("disk"));
        run("mount", "-t", "tmpfs", "-o", "size=256k", "binlogsync-test", disk.toString());
        mounted = true;
        fixture.sql("CREATE DATABASE " + fixture.database(),
                "CREATE TABLE " + fixture.database() + ".items (id INT PRIMARY KEY, v INT, title VARCHAR(64))");
    }

    @AfterEach
    void tearDown() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
        if (mounted) {
            run("umount", disk.toString());
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
        assertEquals(0, process.exitValue(), String.join(" ", command) + ": " + output);
    }

    /** Writes a file until the disk refuses more. */
    private static void fill(Path file) throws IOException {
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(file)) {
            while (true) {
                out.write(block);
                out.flush();
            }
        } catch (IOException e) {
            if (!String.valueOf(e.getMessage()).contains("No space left")) {
                throw e;
            }
        }
    }

    @Test
    void aFullDiskStopsTheDaemonWithTheOldStateIntactAndARestartLosesNothing() throws Exception {
        Path stateFile = disk.resolve("state.json");
        String hocon = fixture.hocon(MAPPINGS).replace(fixture.stateFile.toString(), stateFile.toString());
        SyncConfig config = ConfigLoader.parse(hocon, "diskfull.conf", Map.of());
        String table = fixture.database() + ".items";
        Daemon daemon = fixture.start(config);
        fixture.sql("INSERT INTO " + table + " VALUES (1, 1, 'one')");
        fixture.awaitCaughtUp(daemon, Duration.ofSeconds(60));
        String before = Files.readString(stateFile);

        fill(disk.resolve("filler"));
        fixture.sql("INSERT INTO " + table + " VALUES (2, 2, 'two')", "UPDATE " + table + " SET v = 10 WHERE id = 1");
        Throwable failure = SyncFixture.awaitFailure(daemon);

        for (String expected : List.of("cannot save the position to " + stateFile, "previous state is intact",
                "Free disk space")) {
            assertTrue(failure.getMessage().contains(expected), "'" + expected + "' missing in: " + failure.getMessage());
        }
        assertEquals(before, Files.readString(stateFile), "the old state file is intact");
        assertTrue(new StateFile(stateFile).load().isPresent());

        daemon.close();
        Files.delete(disk.resolve("filler"));
        Daemon restarted = fixture.start(config);
        fixture.sql("INSERT INTO " + table + " VALUES (3, 3, 'three')");
        fixture.awaitCaughtUp(restarted, Duration.ofSeconds(60));
        List<String> differences = fixture.itemsDifferences();
        assertTrue(differences.isEmpty(), differences.toString());
        assertEquals(3, fixture.documents(fixture.index("items")).size());
    }
}
