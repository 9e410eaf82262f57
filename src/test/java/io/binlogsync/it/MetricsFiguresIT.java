package io.binlogsync.it;

import io.binlogsync.config.ConfigLoader;
import io.binlogsync.event.TableId;
import io.binlogsync.runtime.Daemon;
import io.binlogsync.snapshot.ResyncRequest;
import io.binlogsync.snapshot.ResyncRequests;
import io.binlogsync.testing.FreePort;
import io.binlogsync.testing.MetricsEndpoint;
import io.binlogsync.testing.Poll;
import io.binlogsync.testing.TcpProxy;
import io.binlogsync.testing.servers.TestServers;
import io.binlogsync.testing.servers.TestServersExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

import static io.binlogsync.testing.MetricsEndpoint.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The figures of issue 16 that MetricsIT leaves out, each moved by a real stream: retries by sink and cause and time
 * in back-pressure while Elasticsearch is cut off, bulk request sizes, documents coalesced per index, copy progress
 * of a snapshot, and {@code status} printing a running daemon's live figures.
 */
@ExtendWith(TestServersExtension.class)
class MetricsFiguresIT {
    private static final String MAPPINGS = "[ { table = \"{db}.items\", index = \"{index}items\","
            + " redis.invalidate = [\"{db}:item:{id}\"] } ]";

    private final MetricsEndpoint metrics = new MetricsEndpoint();
    private SyncFixture fixture;

    @BeforeEach
    void setUp(TestServers servers) throws SQLException {
        fixture = new SyncFixture(servers, "figures_" + Long.toString(System.nanoTime(), 36));
        fixture.createDatabase("CREATE TABLE {db}.items (id INT PRIMARY KEY, v INT)");
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void retriesBackPressureBulkSizesCoalescingAndStatus() throws Exception {
        String db = fixture.database();
        String index = "index=\"" + fixture.index("items") + "\"";
        try (TcpProxy proxy = new TcpProxy(fixture.search.port())) {
            // one writer and the smallest queue (64 events): a cut Elasticsearch soon blocks the binlog reader
            String config = fixture.hocon(MAPPINGS).replace(fixture.search.url(), "http://127.0.0.1:" + proxy.port())
                    + "elasticsearch.bulk.max-actions = 10\n"
                    + "pipeline { queue-capacity = 1, in-flight-batches = 1 }\n"
                    + metrics.config("ready-max-lag = 2s");
            Path configFile = fixture.directory.resolve("figures.conf");
            Files.writeString(configFile, config);
            Daemon daemon = fixture.start(ConfigLoader.load(configFile));
            Poll.until(SyncFixture.DEADLINE, "/ready to answer 200", () -> metrics.get("/ready").statusCode() == 200);

            for (int id = 1; id <= 20; id++) {
                fixture.sql("INSERT INTO " + db + ".items VALUES (" + id + ", 0)");
            }
            fixture.awaitCaughtUp(daemon, SyncFixture.DEADLINE);
            // five versions of one document in one transaction: one bulk request, four left out
            fixture.sql("BEGIN", "UPDATE " + db + ".items SET v = 1 WHERE id = 1",
                    "UPDATE " + db + ".items SET v = 2 WHERE id = 1", "UPDATE " + db + ".items SET v = 3 WHERE id = 1",
                    "UPDATE " + db + ".items SET v = 4 WHERE id = 1", "UPDATE " + db + ".items SET v = 5 WHERE id = 1",
                    "COMMIT");
            fixture.awaitCaughtUp(daemon, SyncFixture.DEADLINE);
            String scrape = metrics.scrape();
            assertEquals(4, value(scrape, "binlogsync_documents_coalesced_total", index), scrape);
            assertEquals(21, value(scrape, "binlogsync_bulk_request_actions_sum"), "each row once, the 5 as 1");
            double requests = value(scrape, "binlogsync_bulk_request_seconds_count");
            assertTrue(requests >= 3 && requests <= 21, "between 3 (10 actions a request) and one per row: " + requests);
            assertEquals(requests, value(scrape, "binlogsync_bulk_request_bytes_count"));
            double bytes = value(scrape, "binlogsync_bulk_request_bytes_sum");
            assertTrue(bytes > 21 * 50 && bytes < 21 * 400, "about 100 bytes an action: " + bytes);
            assertTrue(value(scrape, "binlogsync_bulk_request_seconds_bucket", "le=\"+Inf\"") == requests, scrape);
            assertEquals(0, orZero(value(scrape, "binlogsync_retries_total")), "nothing retried while all is up");
            assertEquals(0, value(scrape, "binlogsync_backpressure_seconds_total"), "40 events never fill 64");

            Poll.until(Duration.ofSeconds(20), "status to print the live figures, caught up", () -> {
                String out = status(configFile);
                return out.contains("live figures:    lag 0 s, 0 bytes; 25 rows read; ready (from " + metrics.base() + ")");
            });

            proxy.cut();
            long cutAt = System.nanoTime();
            for (int id = 101; id <= 200; id++) {
                fixture.sql("INSERT INTO " + db + ".items VALUES (" + id + ", 0)");
            }
            Poll.until(Duration.ofSeconds(30), "the reader held back by the full queue for 1 s",
                    () -> value(metrics.scrape(), "binlogsync_backpressure_seconds_total") >= 1);
            String cut = metrics.scrape();
            double elapsed = (System.nanoTime() - cutAt) / 1e9;
            double waited = value(cut, "binlogsync_backpressure_seconds_total");
            assertTrue(waited <= elapsed, "waited " + waited + " s of the " + elapsed + " s since the cut");
            double retries = value(cut, "binlogsync_retries_total", "sink=\"elasticsearch\"", "cause=\"unavailable\"");
            // one writer retrying, at least 100 ms (initial-backoff) apart
            assertTrue(retries >= 2 && retries <= elapsed * 10 + 1, retries + " retries in " + elapsed + " s");
            assertEquals(retries, value(cut, "binlogsync_retries_total"), "no other sink or cause: " + cut);
            String whileCut = status(configFile);
            assertTrue(whileCut.contains("NOT ready: Elasticsearch"), whileCut);
            System.out.println("status while Elasticsearch is cut off:\n" + whileCut);
            System.out.println("binlogsync_ samples while Elasticsearch is cut off:\n" + cut.lines()
                    .filter(line -> line.startsWith("binlogsync_") && !line.contains("_bucket{"))
                    .collect(java.util.stream.Collectors.joining("\n")));

            proxy.restore();
            fixture.awaitCaughtUp(daemon, Duration.ofSeconds(60));
            String after = metrics.scrape();
            assertEquals(125, value(after, "binlogsync_rows_read_total"));
            assertEquals(121, value(after, "binlogsync_bulk_request_actions_sum"), "each row acknowledged once");
            assertTrue(value(after, "binlogsync_retries_total") >= retries);

            // an endpoint that does not answer is said so, and status still succeeds
            Path wrongPort = fixture.directory.resolve("wrong-port.conf");
            Files.writeString(wrongPort, config.replace(metrics.listen(), "127.0.0.1:" + FreePort.find()));
            String silent = status(wrongPort);
            assertTrue(silent.contains("live figures:    the metrics endpoint http://127.0.0.1:")
                    && silent.contains("does not answer"), silent);
        }
    }

    @Test
    void aWriterOnARequestThatDoesNotAnswerIsWedgedWhileOneRetryingAnOutageIsNot() throws Exception {
        String db = fixture.database();
        try (TcpProxy proxy = new TcpProxy(fixture.search.port())) {
            String config = fixture.hocon(MAPPINGS).replace(fixture.search.url(), "http://127.0.0.1:" + proxy.port())
                    + "elasticsearch.request-timeout = 60s\n"
                    + metrics.config("wedged-after = 1s");
            Daemon daemon = fixture.start(ConfigLoader.parse(config, "wedged.conf", Map.of()));
            Poll.until(SyncFixture.DEADLINE, "/ready to answer 200", () -> metrics.get("/ready").statusCode() == 200);
            fixture.sql("INSERT INTO " + db + ".items VALUES (1, 0)");
            fixture.awaitCaughtUp(daemon, SyncFixture.DEADLINE);
            assertEquals(200, metrics.get("/health").statusCode());

            // Elasticsearch takes the request and never answers (until the 60 s request timeout): no outage yet
            proxy.hold();
            fixture.sql("INSERT INTO " + db + ".items VALUES (2, 0)");
            Poll.until(Duration.ofSeconds(20), "/health to call the writer wedged",
                    () -> metrics.get("/health").statusCode() == 503);
            String wedged = metrics.get("/health").body();
            assertTrue(wedged.contains("thread pipeline-writer-") && wedged.contains("has been on one batch for")
                    && wedged.contains("over metrics.wedged-after (1 s)"), wedged);
            assertTrue(!wedged.contains("pipeline-mapper"), "the mapper waits for the writer: " + wedged);
            proxy.release();
            fixture.awaitCaughtUp(daemon, SyncFixture.DEADLINE);
            Poll.until(Duration.ofSeconds(10), "/health again", () -> metrics.get("/health").statusCode() == 200);

            // an outage retried for longer than wedged-after: not ready, but healthy
            proxy.cut();
            fixture.sql("INSERT INTO " + db + ".items VALUES (3, 0)");
            // 5 retries at 100, 200, 400, 800 ms (and more) apart: the batch is older than 1 s
            Poll.until(Duration.ofSeconds(30), "5 retries", () -> orZero(value(metrics.scrape(),
                    "binlogsync_retries_total", "sink=\"elasticsearch\"")) >= 5);
            HttpResponse<String> health = metrics.get("/health");
            assertEquals(200, health.statusCode(), health.body());
            assertEquals(503, metrics.get("/ready").statusCode());
            proxy.restore();
            fixture.awaitCaughtUp(daemon, Duration.ofSeconds(60));
        }
    }

    @Test
    void redisRetriesAreCountedBySinkAndCause() throws Exception {
        String db = fixture.database();
        try (TcpProxy proxy = new TcpProxy(fixture.servers.redis().port())) {
            String config = fixture.hocon(MAPPINGS).replace(fixture.servers.redis().uri(),
                    "redis://127.0.0.1:" + proxy.port()) + metrics.config();
            Daemon daemon = fixture.start(ConfigLoader.parse(config, "redis.conf", Map.of()));
            fixture.sql("INSERT INTO " + db + ".items VALUES (1, 0)");
            fixture.awaitCaughtUp(daemon, SyncFixture.DEADLINE);
            proxy.cut();
            fixture.sql("DELETE FROM " + db + ".items WHERE id = 1");
            Poll.until(Duration.ofSeconds(30), "3 Redis retries", () -> orZero(value(metrics.scrape(),
                    "binlogsync_retries_total", "sink=\"redis\"", "cause=\"unavailable\"")) >= 3);
            proxy.restore();
            fixture.awaitCaughtUp(daemon, Duration.ofSeconds(60));
            String after = metrics.scrape();
            assertEquals(value(after, "binlogsync_retries_total", "sink=\"redis\""),
                    value(after, "binlogsync_retries_total"), "Elasticsearch was never cut: " + after);
            assertEquals(2, value(after, "binlogsync_keys_deleted_total", "sink=\"redis\""), "acknowledged once each");
            assertTrue(Double.isNaN(value(after, "binlogsync_keys_deleted_total", "sink=\"elasticsearch\"")),
                    "Elasticsearch deletes no cache key: " + after);
        }
    }

    @Test
    void copyProgressOfTheSnapshotAndOfAResyncIsTheRowsCopied() throws Exception {
        String db = fixture.database();
        for (int id = 1; id <= 25; id++) {
            fixture.sql("INSERT INTO " + db + ".items VALUES (" + id + ", 0)");
        }
        String config = fixture.hocon(MAPPINGS) + "snapshot { mode = initial, chunk-size = 10 }\n"
                + metrics.config();
        Daemon daemon = fixture.start(ConfigLoader.parse(config, "copy.conf", Map.of()));
        String table = "table=\"" + db + ".items\"";
        String scrape = metrics.scrape();
        assertEquals(25, value(scrape, "binlogsync_copy_rows", "phase=\"snapshot\"", table), scrape);
        assertTrue(value(scrape, "binlogsync_copy_rows_estimated", "phase=\"snapshot\"", table) >= 0, scrape);

        for (int id = 26; id <= 30; id++) {
            fixture.sql("INSERT INTO " + db + ".items VALUES (" + id + ", 0)");
        }
        fixture.awaitCaughtUp(daemon, SyncFixture.DEADLINE);
        ResyncRequests requests = new ResyncRequests(fixture.stateFile);
        requests.request(TableId.parse(db + ".items"));
        Poll.until(SyncFixture.DEADLINE, "the resync done", () -> {
            try {
                return requests.status(TableId.parse(db + ".items")).map(s -> s.state().equals("done")).orElse(false);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        String after = metrics.scrape();
        assertEquals(30, value(after, "binlogsync_copy_rows", "phase=\"resync\"", table), after);
        assertEquals(25, value(after, "binlogsync_copy_rows", "phase=\"snapshot\"", table), "kept as it ended");

        // a rebuild into a new index (the concrete one becomes an alias of it)
        fixture.sql("INSERT INTO " + db + ".items VALUES (31, 0)");
        fixture.awaitCaughtUp(daemon, SyncFixture.DEADLINE);
        requests.request(ResyncRequest.newIndex(TableId.parse(db + ".items"), false, false));
        Poll.until(Duration.ofSeconds(90), "the rebuild done", () -> {
            try {
                return requests.status(TableId.parse(db + ".items")).map(s -> s.state().equals("done")
                        && s.rows() == 31).orElse(false);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        String rebuilt = metrics.scrape();
        assertEquals(31, value(rebuilt, "binlogsync_copy_rows", "phase=\"rebuild\"", table), rebuilt);
        assertTrue(value(rebuilt, "binlogsync_copy_rows_estimated", "phase=\"rebuild\"", table) >= 0, rebuilt);
        fixture.servers.elasticsearch().request("DELETE", "/" + fixture.index("items") + "*", null);
    }

    private static double orZero(double value) {
        return Double.isNaN(value) ? 0 : value;
    }

    /** {@code status --config file} as bin/binlog-sync runs it; its standard output (exit code 0 required). */
    static String status(Path configFile) {
        PrintStream out = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            Method execute = Class.forName("io.binlogsync.runtime.Main").getDeclaredMethod("execute", String[].class);
            execute.setAccessible(true);
            System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            int code = (Integer) execute.invoke(null, (Object) new String[]{"status", "--config", configFile.toString()});
            String printed = bytes.toString(StandardCharsets.UTF_8);
            assertEquals(0, code, printed);
            return printed;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        } finally {
            System.setOut(out);
        }
    }



}
