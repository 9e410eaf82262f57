package io.binlogsync.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.binlogsync.snapshot.ResyncRequest;
import io.binlogsync.snapshot.ResyncRequests;
import io.binlogsync.config.ConfigLoader;
import io.binlogsync.config.SyncConfig;
import io.binlogsync.event.TableId;
import io.binlogsync.runtime.Daemon;
import io.binlogsync.testing.HttpResult;
import io.binlogsync.testing.Poll;
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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code binlog-sync resync --new-index}: the configured index becomes an alias of a freshly built index, while a
 * writer changes the table and a searcher asks the alias's name without pause; and a rebuild that stops midway
 * (daemon stopped, or killed) leaves the alias where it was and no half-built index.
 */
@ExtendWith(TestServersExtension.class)
class AliasSwitchIT {
    private static final String MAPPINGS = "[ { table = \"{db}.items\", index = \"{index}items\" } ]";
    private static final int EXISTING_ROWS = 20_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private SyncFixture fixture;
    private String alias;

    @BeforeEach
    void setUp(TestServers servers) throws SQLException {
        fixture = new SyncFixture(servers, "alias_" + Long.toString(System.nanoTime(), 36));
        fixture.sql("CREATE DATABASE " + fixture.database());
        alias = fixture.index("items");
    }

    @AfterEach
    void tearDown() {
        fixture.close();
        fixture.servers.elasticsearch().request("DELETE", "/" + alias + "*", null);
    }

    @Test
    void aRebuildUnderWritesAndSearchesSwitchesTheAliasWithoutAMomentOfNoIndex() throws Exception {
        long started = System.nanoTime();
        long seed = System.nanoTime();
        Workload workload = new Workload(fixture.mariadb(), fixture.database(), seed, 2);
        String table = fixture.database() + ".items";
        fixture.sql("INSERT INTO " + table + " SELECT seq, seq % 1000, CONCAT('old ', seq) FROM "
                + fixture.database() + ".seq_1_to_" + EXISTING_ROWS);
        String hocon = fixture.hocon(MAPPINGS) + "snapshot.chunk-size = 1000\n";
        Path configFile = fixture.directory.resolve("alias.conf");
        Files.writeString(configFile, hocon);
        SyncConfig config = ConfigLoader.parse(hocon, "alias.conf", Map.of());
        Daemon daemon = fixture.start(config);
        // the index is created by the stream as a concrete index; the 20,000 rows before are not in it
        fixture.sql("INSERT INTO " + table + " SELECT seq, seq, 'streamed' FROM " + fixture.database()
                + ".seq_100001_to_100200");
        fixture.awaitCaughtUp(daemon, Duration.ofSeconds(60));
        assertEquals(List.of(alias), aliasTargets(), "a concrete index to begin with");

        Searcher searcher = new Searcher(alias);
        searcher.start();
        workload.start();
        Poll.until(Duration.ofSeconds(30), "the searcher to see documents", () -> searcher.searches.get() > 0);

        searcher.phase = "first switch";
        String first = switchToNewIndex(configFile, "first");
        searcher.phase = "second switch";
        assertTrue(first.matches(alias + "-\\d{8}-\\d{6}(-\\d+)?"), first);
        String second = switchToNewIndex(configFile, "second");
        assertFalse(second.equals(first));
        Poll.until(Duration.ofSeconds(20), first + " deleted after the second switch", () ->
                fixture.servers.elasticsearch().request("GET", "/" + first, null).status() == 404);

        int changes = workload.changes();
        workload.close();
        fixture.awaitCaughtUp(daemon, Duration.ofSeconds(60));
        searcher.close();

        VerifyReport report = SyncFixture.verify(config);
        assertFalse(report.hasDrift(), "seed " + seed + ": " + report.summary());
        long rows = ((Number) fixture.source.query("SELECT COUNT(*) AS n FROM " + table).get(0).get("n")).longValue();
        assertEquals(rows, report.mappings().get(0).rowsChecked(), report.summary());
        assertTrue(changes > 0, "the writer ran during the rebuilds");
        assertEquals(List.of(), searcher.failures, "searches of " + alias + " that found no index or no documents");
        // a search already inside the concrete index when the first switch removes it fails with 503 (all shards
        // failed): Elasticsearch aborts searches on a deleted index, for as long as the node still routes them
        // there, which a fast searcher can hit a few times in a row. Later switches delete the old index after a
        // pause, so only the first switch may do it, and only in one burst at the removal.
        assertTrue(searcher.inFlightAtRemoval.stream().allMatch(f -> f.startsWith("first switch: 503"))
                && searcher.abortSpan().compareTo(Duration.ofSeconds(2)) <= 0, searcher.abortSpan() + " "
                + searcher.inFlightAtRemoval);
        long seconds = (System.nanoTime() - started) / 1_000_000_000;
        System.out.printf("AliasSwitchIT: %d searches of %s during two rebuilds and switches: no 404, no empty count;"
                + " %d aborted in flight at the first switch; %d writer changes; %d rows checked; %d s%n",
                searcher.searches.get(), alias, searcher.inFlightAtRemoval.size(), changes, rows, seconds);
        assertTrue(searcher.searches.get() > 100, "searches: " + searcher.searches.get());
    }

    @Test
    void aRebuildStoppedMidwayOrKilledLeavesTheAliasAndNoHalfBuiltIndex() throws Exception {
        String table = fixture.database() + ".items";
        TableId items = TableId.parse(table);
        fixture.sql("CREATE TABLE " + table + " (id INT PRIMARY KEY, v INT, title VARCHAR(64))",
                "INSERT INTO " + table + " SELECT seq, seq, 'row' FROM " + fixture.database() + ".seq_1_to_"
                        + EXISTING_ROWS);
        String hocon = fixture.hocon(MAPPINGS) + "snapshot.chunk-size = 100\n";
        Path configFile = fixture.directory.resolve("stop.conf");
        Files.writeString(configFile, hocon);
        SyncConfig config = ConfigLoader.parse(hocon, "stop.conf", Map.of());
        ResyncRequests requests = new ResyncRequests(fixture.stateFile);

        // stopped: the daemon's close ends the rebuild
        Daemon daemon = fixture.start(config);
        fixture.sql("UPDATE " + table + " SET v = v + 1 WHERE id <= 10");
        fixture.awaitCaughtUp(daemon, Duration.ofSeconds(60));
        requests.request(ResyncRequest.newIndex(items, false, false));
        awaitCopying(requests, items);
        assertEquals(1, halfBuiltIndices().size(), "the new index exists while it is built");
        daemon.close();
        ResyncRequests.Status stopped = requests.status(items).orElseThrow();
        assertEquals("failed", stopped.state(), stopped.toString());
        assertTrue(stopped.message().contains("still points to the complete " + alias), stopped.message());
        assertEquals(List.of(), halfBuiltIndices());
        assertEquals(List.of(alias), aliasTargets());

        // killed: the next start deletes what it left and says so
        DaemonProcess killed = DaemonProcess.start(fixture.directory.resolve("killed.log"), "run", "--config",
                configFile.toString());
        try {
            requests.request(ResyncRequest.newIndex(items, false, false));
            awaitCopying(requests, items);
        } finally {
            killed.kill();
        }
        assertEquals(1, halfBuiltIndices().size(), "kill -9 left the half-built index");
        fixture.start(config);
        // the index is deleted first, then the status written: wait for both
        Poll.until(Duration.ofSeconds(60), "the next start to delete the half-built index and mark the resync failed",
                () -> halfBuiltIndices().isEmpty() && hasState(requests, items, "failed"));
        ResyncRequests.Status left = requests.status(items).orElseThrow();
        assertEquals("failed", left.state(), left.toString());
        assertTrue(left.message().contains("killed?") && left.message().contains("was deleted"), left.message());
        assertEquals(List.of(alias), aliasTargets());
        assertEquals(Map.of(), requests.recordedRebuilds());
    }

    private static boolean hasState(ResyncRequests requests, TableId table, String state) {
        try {
            return requests.status(table).map(s -> s.state().equals(state)).orElse(false);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private void awaitCopying(ResyncRequests requests, TableId items) {
        Poll.until(Duration.ofSeconds(60), "the rebuild to copy rows", () -> {
            try {
                return requests.status(items).map(s -> s.state().equals("running") && s.rows() >= 1000)
                        .orElse(false);
            } catch (java.io.IOException e) {
                return false;
            }
        });
    }

    /** Runs {@code resync --new-index} to its end; returns the index the alias then points to. */
    private String switchToNewIndex(Path configFile, String label) throws Exception {
        Path log = fixture.directory.resolve(label + "-resync.log");
        int exit = DaemonProcess.run(log, "resync", fixture.database() + ".items", "--config", configFile.toString(),
                "--new-index");
        String output = Files.readString(log);
        assertEquals(0, exit, output);
        List<String> targets = aliasTargets();
        assertEquals(1, targets.size(), targets.toString());
        assertFalse(targets.get(0).equals(alias), "an alias now: " + targets);
        assertTrue(output.contains("alias " + alias + " now points to " + targets.get(0)), output);
        return targets.get(0);
    }

    /** The indices the name's alias points to, or the name itself when it is a concrete index. */
    private List<String> aliasTargets() throws Exception {
        HttpResult aliases = fixture.servers.elasticsearch().request("GET", "/_alias/" + alias, null);
        if (aliases.status() == 200) {
            List<String> indices = new ArrayList<>();
            JSON.readTree(aliases.body()).fieldNames().forEachRemaining(indices::add);
            return indices;
        }
        return fixture.servers.elasticsearch().request("GET", "/" + alias, null).status() == 200 ? List.of(alias)
                : List.of();
    }

    private List<String> halfBuiltIndices() {
        HttpResult result = fixture.servers.elasticsearch().request("GET", "/" + alias + "-2*?allow_no_indices=true",
                null);
        List<String> indices = new ArrayList<>();
        try {
            JSON.readTree(result.body()).fieldNames().forEachRemaining(indices::add);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return indices;
    }

    /**
     * Counts the documents behind a name without pause, noting every answer that says the index is missing or whose
     * count drops to 0, and apart from those, searches aborted because their index was deleted under them.
     */
    private final class Searcher implements AutoCloseable {
        final AtomicInteger searches = new AtomicInteger();
        final List<String> failures = Collections.synchronizedList(new ArrayList<>());
        final List<String> inFlightAtRemoval = Collections.synchronizedList(new ArrayList<>());
        private final List<Long> abortedAt = Collections.synchronizedList(new ArrayList<>());
        volatile String phase = "before";
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;
        private final String name;

        Searcher(String name) {
            this.name = name;
            this.thread = new Thread(this::run, "searcher");
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        private void run() {
            long seen = 0;
            while (running.get()) {
                HttpResult result = fixture.servers.elasticsearch().request("GET", "/" + name + "/_count", null);
                long count = -1;
                if (result.status() == 200) {
                    try {
                        count = JSON.readTree(result.body()).path("count").asLong(-1);
                    } catch (Exception e) {
                        count = -1;
                    }
                }
                boolean aborted = result.status() == 503 && result.body().contains("no_shard_available_action_exception")
                        && !result.body().contains("index_not_found");
                if (aborted) {
                    inFlightAtRemoval.add(phase + ": " + result.status() + " " + result.body());
                    abortedAt.add(System.nanoTime());
                } else if (result.status() != 200 || count < 0 || (seen > 0 && count == 0)) {
                    if (failures.size() < 10) {
                        failures.add(phase + ": " + result.status() + " " + result.body());
                    }
                } else {
                    seen = Math.max(seen, count);
                }
                searches.incrementAndGet();
            }
        }

        /** From the first aborted search to the last; zero when none or one was aborted. */
        Duration abortSpan() {
            synchronized (abortedAt) {
                return abortedAt.isEmpty() ? Duration.ZERO
                        : Duration.ofNanos(abortedAt.get(abortedAt.size() - 1) - abortedAt.get(0));
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(10_000);
        }
    }
}
