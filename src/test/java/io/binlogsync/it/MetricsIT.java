package io.binlogsync.it;

import io.binlogsync.config.ConfigLoader;
import io.binlogsync.runtime.Daemon;
import io.binlogsync.testing.MetricsEndpoint;
import io.binlogsync.testing.Poll;
import io.binlogsync.testing.TcpProxy;
import io.binlogsync.testing.servers.TestServers;
import io.binlogsync.testing.servers.TestServersExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

import static io.binlogsync.testing.MetricsEndpoint.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The metrics endpoint while a stream runs: counters move by exactly the rows written, the lag rises while
 * Elasticsearch is cut off and falls back after, and /ready names the link that is down.
 */
@ExtendWith(TestServersExtension.class)
class MetricsIT {
    private static final String MAPPINGS = "[ { table = \"{db}.items\", index = \"{index}items\","
            + " redis.invalidate = [\"{db}:item:{id}\"] } ]";

    private final MetricsEndpoint metrics = new MetricsEndpoint();
    private SyncFixture fixture;

    @BeforeEach
    void setUp(TestServers servers) throws SQLException {
        fixture = new SyncFixture(servers, "metrics_" + Long.toString(System.nanoTime(), 36));
        fixture.createDatabase("CREATE TABLE {db}.items (id INT PRIMARY KEY, v INT)");
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void countersLagAndReadinessFollowTheStream() throws Exception {
        String db = fixture.database();
        String table = "table=\"" + db + ".items\"";
        String index = "index=\"" + fixture.index("items") + "\"";
        try (TcpProxy proxy = new TcpProxy(fixture.search.port())) {
            String config = fixture.hocon(MAPPINGS).replace(fixture.search.url(), "http://127.0.0.1:" + proxy.port())
                    + metrics.config("ready-max-lag = 2s");
            Daemon daemon = fixture.start(ConfigLoader.parse(config, "metrics.conf", Map.of()));
            Poll.until(SyncFixture.DEADLINE, "/ready to answer 200", () -> metrics.get("/ready").statusCode() == 200);
            assertEquals(200, metrics.get("/health").statusCode());

            for (int id = 1; id <= 30; id++) {
                fixture.sql("INSERT INTO " + db + ".items VALUES (" + id + ", 0)");
            }
            // caught up between the kinds, so no batch holds the same cache key twice (keys are deduplicated)
            fixture.awaitCaughtUp(daemon, SyncFixture.DEADLINE);
            fixture.sql("UPDATE " + db + ".items SET v = 1 WHERE id <= 10");
            fixture.awaitCaughtUp(daemon, SyncFixture.DEADLINE);
            fixture.sql("DELETE FROM " + db + ".items WHERE id > 25");
            fixture.awaitCaughtUp(daemon, SyncFixture.DEADLINE);
            String scrape = metrics.scrape();
            assertEquals(30, value(scrape, "binlogsync_rows_read_total", table, "kind=\"insert\""), scrape);
            assertEquals(10, value(scrape, "binlogsync_rows_read_total", table, "kind=\"update\""));
            assertEquals(5, value(scrape, "binlogsync_rows_read_total", table, "kind=\"delete\""));
            assertEquals(40, value(scrape, "binlogsync_documents_indexed_total", index));
            assertEquals(5, value(scrape, "binlogsync_documents_deleted_total", index));
            assertEquals(45, value(scrape, "binlogsync_keys_deleted_total", "sink=\"redis\""));
            assertEquals(45, value(scrape, "binlogsync_keys_deleted_total"), "only Redis deletes keys:\n" + scrape);
            assertEquals(45, value(scrape, "binlogsync_batch_operations_sum", "sink=\"redis\""));
            assertEquals(45, value(scrape, "binlogsync_batch_operations_sum", "sink=\"elasticsearch\""));
            assertTrue(value(scrape, "binlogsync_batch_write_seconds_count", "sink=\"elasticsearch\"") >= 1);
            assertTrue(scrape.contains("jvm_memory_used_bytes"), "JVM binders are registered");
            assertEquals(0, value(scrape, "binlogsync_lag_seconds"), scrape);
            long savedOffset = (long) value(scrape, "binlogsync_checkpoint_offset_bytes");
            assertEquals(daemon.acknowledged().position().offset(), savedOffset);
            Poll.until(Duration.ofSeconds(15), "lag_bytes polled to 0",
                    () -> value(metrics.scrape(), "binlogsync_lag_bytes") == 0);

            proxy.cut();
            fixture.sql("INSERT INTO " + db + ".items VALUES (100, 0)");
            Poll.until(Duration.ofSeconds(30), "lag above 3 s while Elasticsearch is cut off",
                    () -> value(metrics.scrape(), "binlogsync_lag_seconds") >= 3);
            HttpResponse<String> notReady = metrics.get("/ready");
            assertEquals(503, notReady.statusCode(), notReady.body());
            assertTrue(notReady.body().contains("Elasticsearch"), notReady.body());
            // polled every 5 s: the poll after the insert may come later than the 3 s of lag above
            Poll.until(Duration.ofSeconds(15), "bytes behind while cut off",
                    () -> value(metrics.scrape(), "binlogsync_lag_bytes") > 0);
            assertEquals(200, metrics.get("/health").statusCode(), "an outage is not a failure");

            proxy.restore();
            fixture.awaitCaughtUp(daemon, Duration.ofSeconds(60));
            Poll.until(Duration.ofSeconds(10), "lag back to near 0",
                    () -> value(metrics.scrape(), "binlogsync_lag_seconds") < 1);
            Poll.until(Duration.ofSeconds(10), "/ready again", () -> metrics.get("/ready").statusCode() == 200);
            String after = metrics.scrape();
            assertEquals(31, value(after, "binlogsync_rows_read_total", table, "kind=\"insert\""));
            assertEquals(41, value(after, "binlogsync_documents_indexed_total", index));
        }
    }


}
