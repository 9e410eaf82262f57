package io.binlogsync.it;

import io.binlogsync.checkpoint.StateFile;
import io.binlogsync.event.BinlogPosition;
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
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The packaged daemon as operators run it: killed with -9 under load, stopped with SIGTERM, and `check`. */
@ExtendWith(TestServersExtension.class)
class DaemonProcessIT {
    private static final String MAPPINGS = "[ { table = \"{db}.items\", index = \"{index}items\" } ]";
    private static final int KILL_CYCLES = 20;

    private SyncFixture fixture;

    @BeforeEach
    void setUp(TestServers servers) {
        fixture = new SyncFixture(servers, "process_" + Long.toString(System.nanoTime(), 36));
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void killedWithSigkillUnderLoadAndRestartedTheIndexEndsEqualToTheTable() throws Exception {
        fixture.createDatabase();
        Path log = fixture.directory.resolve("daemon.log");
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String cachePrefix = fixture.database() + ":item:";
        Path config = fixture.writeConfig("[ { table = \"{db}.items\", index = \"{index}items\","
                + " redis.invalidate = [\"" + cachePrefix + "{id}\"] } ]");
        redis.clients.jedis.Jedis cache = fixture.redis();
        Workload workload = new Workload(fixture.mariadb(), fixture.database(), seed, 2)
                .cachingBeforeEachChange(cache, cachePrefix);
        DaemonProcess daemon = DaemonProcess.start(log, "run", "--config", config.toString());
        // with start = current, the first start's position is the one it saves; the workload begins after it
        Poll.until(Duration.ofSeconds(30), "the first state file", () -> Files.exists(fixture.stateFile));
        try (workload) {
            workload.start();
            for (int cycle = 0; cycle < KILL_CYCLES; cycle++) {
                Thread.sleep(300 + random.nextInt(2500));
                daemon.kill();
                daemon = DaemonProcess.start(log, "run", "--config", config.toString());
            }
            Thread.sleep(1000);
            workload.close();
            assertTrue(workload.changes() > 100, "the workload made " + workload.changes() + " changes");
            BinlogPosition end = fixture.currentPosition();
            StateFile state = new StateFile(fixture.stateFile);
            Poll.until(Duration.ofSeconds(90), "the daemon to acknowledge up to " + end,
                    () -> state.load().map(c -> c.position().compareTo(end) >= 0).orElse(false));
            assertEquals(0, daemon.terminate(20), "exit code after SIGTERM; log: " + daemon.logText());
        }
        List<Map<String, Object>> rows = fixture.mariadb().query("SELECT id, v, title FROM " + fixture.database() + ".items");
        List<String> differences = TableComparison.differences(rows, "id", fixture.documents(fixture.index("items")));
        assertTrue(differences.isEmpty(), "seed " + seed + ", " + differences.size() + " differences after "
                + KILL_CYCLES + " kill -9 cycles over " + rows.size() + " rows: "
                + differences.subList(0, Math.min(20, differences.size())));
        Path verifyLog = fixture.directory.resolve("verify.log");
        assertEquals(0, DaemonProcess.run(verifyLog, "verify", "--config", config.toString(), "--lag-wait", "0"),
                "binlog-sync verify, the operators' oracle, agrees: " + java.nio.file.Files.readString(verifyLog));
        System.out.printf("kill -9 test: %d cycles, %d changes by the workload, %d rows compared field by field%n",
                KILL_CYCLES, workload.changes(), rows.size());
        java.util.Set<String> stale = cache.keys(cachePrefix + "*");
        cache.close();
        assertTrue(stale.isEmpty(), stale.size() + " cache entries set before their row changed were never deleted: "
                + stale.stream().limit(20).toList());
    }

    @Test
    void sigtermFlushesSavesThePositionAndExitsZero() throws Exception {
        fixture.createDatabase();
        fixture.sql("CREATE TABLE " + fixture.database() + ".items (id INT PRIMARY KEY, v INT, title VARCHAR(64))");
        Path config = fixture.writeConfig(MAPPINGS);
        Path log = fixture.directory.resolve("daemon.log");
        DaemonProcess daemon = DaemonProcess.start(log, "run", "--config", config.toString());
        Poll.until(Duration.ofSeconds(30), "the state file to be created", () -> Files.exists(fixture.stateFile));
        fixture.sql("INSERT INTO " + fixture.database() + ".items VALUES (1, 1, 'one'), (2, 2, 'two')");
        fixture.awaitDocument(fixture.index("items"), "2", "title", "two");
        BinlogPosition end = fixture.currentPosition();
        long started = System.nanoTime();
        assertEquals(0, daemon.terminate(15), "exit code; log: " + daemon.logText());
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        assertTrue(seconds < 10, "stopped in " + seconds + " s");
        assertEquals(end, new StateFile(fixture.stateFile).load().orElseThrow().position());
        assertTrue(daemon.logText().contains("SIGTERM received"), daemon.logText());
    }

    @Test
    void versionIsTheBuildsOwn() throws Exception {
        Path log = fixture.directory.resolve("version.log");
        assertEquals(0, DaemonProcess.run(log, "--version"), Files.readString(log));
        assertEquals("binlog-sync " + System.getProperty("binlogsync.version"), Files.readString(log).strip());
    }

    @Test
    void checkReportsEachServerAndTheBinlogSettings() throws Exception {
        fixture.createDatabase();
        fixture.sql("CREATE TABLE " + fixture.database() + ".items (id INT PRIMARY KEY, v INT, title VARCHAR(64))");
        Path good = fixture.writeConfig(MAPPINGS);
        Path log = fixture.directory.resolve("check.log");
        assertEquals(0, DaemonProcess.run(log, "check", "--config", good.toString()), Files.readString(log));
        String output = Files.readString(log);
        for (String expected : List.of("OK   source: connected", "OK   source: binlog_format is ROW",
                "OK   source: binlog_row_image is FULL", "OK   source: binlog_row_metadata is FULL",
                "OK   snapshot: resync and verify --repair read with no lock", "OK   mappings:", "OK   elasticsearch", "OK   redis", "all checks passed")) {
            assertTrue(output.contains(expected), "missing '" + expected + "' in:\n" + output);
        }

        Path bad = fixture.directory.resolve("bad.conf");
        Files.writeString(bad, fixture.hocon("[ { table = \"{db}.nope\", index = \"x\" },"
                + " { table = \"{db}.items\", index = \"y\", redis.invalidate = [\"item:{sku}\"] } ]"));
        Path badLog = fixture.directory.resolve("check-bad.log");
        assertEquals(1, DaemonProcess.run(badLog, "check", "--config", bad.toString()));
        String badOutput = Files.readString(badLog);
        assertTrue(badOutput.contains("FAIL mappings: mappings[0].table") && badOutput.contains(".nope does not exist"),
                badOutput);
        assertTrue(badOutput.contains("FAIL mappings: mappings[1].redis.invalidate[0]")
                && badOutput.contains("no column 'sku'"), badOutput);
    }

}
