package io.binlogsync.it;

import io.binlogsync.config.ConfigLoader;
import io.binlogsync.event.BinlogPosition;
import io.binlogsync.related.RebuildJobs;
import io.binlogsync.runtime.Daemon;
import io.binlogsync.testing.MetricsEndpoint;
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

import static io.binlogsync.testing.MetricsEndpoint.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The joins' side lane backlog in the metrics and in {@code status}: a category rename's documents are counted
 * exactly, and a job a stopped daemon left is shown by {@code status} without a daemon and done at the next start.
 */
@ExtendWith(TestServersExtension.class)
class RebuildLaneFiguresIT {
    private final MetricsEndpoint metrics = new MetricsEndpoint();
    private SyncFixture fixture;
    private String db;

    @BeforeEach
    void setUp(TestServers servers) throws SQLException {
        fixture = new SyncFixture(servers, "lanefig_" + Long.toString(System.nanoTime(), 36));
        db = fixture.database();
        JoinsIT.createTables(fixture);
        fixture.sql("CREATE TABLE " + db + ".items (id INT PRIMARY KEY, v INT)");
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void aRenamesRebuiltDocumentsAreCountedAndALeftJobIsShownByStatus() throws Exception {
        fixture.sql("INSERT INTO " + db + ".categories VALUES (1, 'Lamps'), (2, 'Desks'), (3, 'Chairs')",
                "INSERT INTO " + db + ".products SELECT seq, CONCAT('product ', seq), 1 + seq % 3 FROM "
                        + db + ".seq_1_to_300");
        Path configFile = fixture.directory.resolve("lane.conf");
        Files.writeString(configFile, fixture.hocon(JoinsIT.MAPPINGS) + "snapshot { mode = initial, chunk-size = 30 }\n"
                + metrics.config());
        RebuildJobs jobs = new RebuildJobs(fixture.stateFile);
        String line = "rebuild jobs:    %d waiting in " + jobs.directory();

        Daemon daemon = fixture.start(ConfigLoader.load(configFile));
        String scrape = metrics.scrape();
        assertEquals(0, value(scrape, "binlogsync_related_rebuild_jobs"), scrape);
        assertEquals(0, value(scrape, "binlogsync_related_documents_rebuilt_total"), scrape);

        // category 1 has products 3, 6, ... 300: its rename rebuilds exactly those 100 documents, in 4 pages of 30
        fixture.sql("UPDATE " + db + ".categories SET name = 'Lights' WHERE id = 1");
        Poll.until(SyncFixture.DEADLINE, "the rename's 100 documents rebuilt and its job gone", () -> {
            SyncFixture.requireRunning(daemon);
            String now = metrics.scrape();
            return value(now, "binlogsync_related_documents_rebuilt_total") == 100
                    && value(now, "binlogsync_related_rebuild_jobs") == 0;
        });
        assertEquals("Lights", fixture.document(fixture.index("products"), "300").orElseThrow()
                .path("category").path("name").asText());
        fixture.awaitCaughtUp(daemon, SyncFixture.DEADLINE);
        assertEquals(100, value(metrics.scrape(), "binlogsync_related_documents_rebuilt_total"), "no document twice");
        String running = MetricsFiguresIT.status(configFile);
        assertTrue(running.contains(String.format(line, 0)), running);

        // a job left by a stopped daemon (as the stream saves one): status shows it without a daemon
        BinlogPosition now = fixture.currentPosition();
        // the job names a change at that position, as the stream's do: the lane reads in snapshots past it
        fixture.sql("INSERT INTO " + db + ".items VALUES (1, 1)");
        daemon.close();
        jobs.add(List.of(new RebuildJobs.Entry("mappings[0]", "category_id", List.of("2"), now.file(),
                now.offset(), false, null)));
        String stopped = MetricsFiguresIT.status(configFile);
        assertTrue(stopped.contains(String.format(line, 1)) && stopped.contains("daemon:          not running"),
                stopped);

        // the next start does it: category 2's 100 documents, counted from 0 again
        Daemon restarted = fixture.start(ConfigLoader.load(configFile));
        Poll.until(SyncFixture.DEADLINE, "the left job's 100 documents rebuilt", () -> {
            SyncFixture.requireRunning(restarted);
            String after = metrics.scrape();
            return value(after, "binlogsync_related_documents_rebuilt_total") == 100
                    && value(after, "binlogsync_related_rebuild_jobs") == 0;
        });
        String done = MetricsFiguresIT.status(configFile);
        assertTrue(done.contains(String.format(line, 0)), done);
    }


}
