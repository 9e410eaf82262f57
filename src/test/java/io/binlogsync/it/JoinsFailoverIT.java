package io.binlogsync.it;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.binlogsync.config.ConfigLoader;
import io.binlogsync.config.SyncConfig;
import io.binlogsync.event.BinlogPosition;
import io.binlogsync.related.RebuildJobs;
import io.binlogsync.runtime.Daemon;
import io.binlogsync.testing.Poll;
import io.binlogsync.testing.servers.MariaDbReplication;
import io.binlogsync.testing.servers.MariaDbServer;
import io.binlogsync.testing.servers.TestServers;
import io.binlogsync.testing.servers.TestServersExtension;
import io.binlogsync.verify.VerifyReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Joined documents across a failover by GTID: two private MariaDB servers, the second replicating the first by GTID,
 * the first's binlog files ahead so that positions of the two do not compare. A category rename's side-lane job
 * left unfinished on the primary is finished against the promoted replica; a job naming a transaction the server
 * never had (lost in a failover) does not wait forever.
 */
@ExtendWith(TestServersExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JoinsFailoverIT {
    private static final String MAPPINGS = """
            [ { table = "{db}.products", index = "{index}products",
                join = [ { table = "{db}.categories", on { category_id = id }, as = category, fields = [name] },
                         { table = "{db}.variants", many = true, on { id = product_id }, as = variants,
                           fields = [sku], order-by = sku } ] } ]""";
    /** Products of category 1, renamed; 500 more are in category 2. */
    private static final int RENAMED = 30_000;

    private static MariaDbReplication replication;
    private static MariaDbServer primary;
    private static MariaDbServer replica;

    private final ListAppender<ILoggingEvent> laneLog = new ListAppender<>();
    /** The side lane's lines (its snapshots' included). */
    private final Logger laneLogger = (Logger) LoggerFactory.getLogger("io.binlogsync.related");

    @BeforeAll
    static void startPrimaryAndReplica() throws SQLException {
        replication = MariaDbReplication.start();
        primary = replication.primary();
        replica = replication.replica();
    }

    @AfterAll
    static void stopServers() {
        if (replication != null) {
            replication.close();
        }
    }

    @BeforeEach
    void listenToTheLane() {
        laneLog.start();
        laneLogger.addAppender(laneLog);
    }

    @AfterEach
    void stopListening() {
        laneLogger.detachAppender(laneLog);
    }

    private List<String> laneWarnings() {
        synchronized (laneLog.list) {
            return laneLog.list.stream().filter(line -> line.getLevel() == ch.qos.logback.classic.Level.WARN)
                    .map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    private static SyncConfig parse(SyncFixture fixture, String hocon) {
        return ConfigLoader.parse(hocon, fixture.name + ".conf", Map.of());
    }

    private static String hocon(SyncFixture fixture) {
        return fixture.hocon(MAPPINGS) + "elasticsearch.versions = gtid\n"
                + "snapshot { mode = initial, chunk-size = 200 }\n";
    }

    private static void createTables(MariaDbServer server, String db) throws SQLException {
        server.execute("CREATE DATABASE " + db,
                "CREATE TABLE " + db + ".categories (id INT PRIMARY KEY, name VARCHAR(64))",
                "CREATE TABLE " + db + ".products (id INT PRIMARY KEY, title VARCHAR(64), category_id INT,"
                        + " KEY (category_id))",
                "CREATE TABLE " + db + ".variants (id INT PRIMARY KEY, product_id INT, sku VARCHAR(32),"
                        + " KEY (product_id))");
    }

    private static long named(SyncFixture fixture, String name) {
        return fixture.count(fixture.index("products"), "{\"query\":{\"match_phrase\":{\"category.name\":\"" + name + "\"}}}");
    }

    private static long all(SyncFixture fixture) {
        return fixture.count(fixture.index("products"), "{\"query\":{\"match_all\":{}}}");
    }

    private static List<RebuildJobs.Job> jobs(SyncFixture fixture) {
        try {
            return new RebuildJobs(fixture.stateFile).pending();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long sequenceOf(String gtidState) {
        String[] parts = gtidState.split("-");
        return Long.parseLong(parts[parts.length - 1]);
    }

    @Test
    @Order(1)
    void aRenamesJobLeftOnThePrimaryIsFinishedOnThePromotedReplicaAndInlineRebuildsGoOn(TestServers servers)
            throws Exception {
        try (SyncFixture fixture = new SyncFixture(servers, replica, "joins_failover_"
                + Long.toString(System.nanoTime(), 36))) {
            fixture.createUserOn(primary);
            String db = fixture.database();
            createTables(primary, db);
            primary.execute("INSERT INTO " + db + ".categories VALUES (1, 'Lamps'), (2, 'Desks')",
                    "INSERT INTO " + db + ".products SELECT seq, CONCAT('product ', seq), IF(seq <= " + RENAMED
                            + ", 1, 2) FROM " + db + ".seq_1_to_" + (RENAMED + 500),
                    "INSERT INTO " + db + ".variants SELECT seq, seq, CONCAT('sku-', seq) FROM " + db
                            + ".seq_1_to_1000");
            String hocon = hocon(fixture);
            Daemon onPrimary = fixture.start(parse(fixture, replication.onPrimary(hocon)));
            Poll.until(Duration.ofMinutes(3), "the initial snapshot", () -> all(fixture) == RENAMED + 500);

            primary.execute("UPDATE " + db + ".categories SET name = 'Lights' WHERE id = 1");
            long renameSequence = sequenceOf((String) primary.query("SELECT @@gtid_binlog_pos AS pos").get(0)
                    .get("pos"));
            Poll.until(Duration.ofSeconds(60), "the rename's rebuild under way on the side lane", () -> {
                SyncFixture.requireRunning(onPrimary);
                return !jobs(fixture).isEmpty() && named(fixture, "Lights") > 0;
            });
            // a later change, acknowledged: the saved position is past the rename, which no restart reads again
            primary.execute("UPDATE " + db + ".products SET title = 'later' WHERE id = " + (RENAMED + 1));
            fixture.awaitDocument(fixture.index("products"), String.valueOf(RENAMED + 1), "title", "later");
            BinlogPosition primaryPosition = onPrimary.acknowledged().position();
            onPrimary.close();
            long renamedOnPrimary = named(fixture, "Lights");
            List<RebuildJobs.Job> left = jobs(fixture);
            assertTrue(!left.isEmpty() && renamedOnPrimary < RENAMED, "stopped in the middle of the rename: "
                    + renamedOnPrimary + " of " + RENAMED + " renamed, jobs left: " + left);
            RebuildJobs.Entry entry = left.get(0).entries().get(0);
            assertEquals(renameSequence, entry.gtidSequence(), "the job names the rename by its GTID: " + entry);

            // the failover: the primary goes away, the replica is promoted and the daemon pointed at it
            replication.awaitReplicaCaughtUp();
            primary.stop();
            replication.promoteReplica();
            BinlogPosition replicaPosition = fixture.currentPosition();
            assertTrue(replicaPosition.compareTo(new BinlogPosition(entry.binlogFile(), entry.binlogOffset())) < 0
                    && replicaPosition.compareTo(primaryPosition) < 0,
                    "the replica's positions are all before the primary's: " + replicaPosition + " vs "
                            + entry.binlogFile() + ":" + entry.binlogOffset());

            long restarted = System.nanoTime();
            Daemon onReplica = fixture.start(parse(fixture, hocon));
            Poll.until(Duration.ofSeconds(120), "every product of category 1 renamed, on the promoted replica", () -> {
                SyncFixture.requireRunning(onReplica);
                return named(fixture, "Lights") == RENAMED && jobs(fixture).isEmpty();
            });
            long millis = (System.nanoTime() - restarted) / 1_000_000;
            assertEquals(List.of(), laneWarnings(), "the job's GTID is on the replica: found at once, no warning");
            System.out.println("JOINS FAILOVER: the rename's job finished on the promoted replica " + millis
                    + " ms after the restart (" + (RENAMED - renamedOnPrimary) + " documents left of " + RENAMED + ")");

            // inline rebuilds on the new primary: a product's own change, a product moved into the renamed category,
            // a variant's change
            replica.execute("UPDATE " + db + ".products SET title = 'after failover' WHERE id = 7",
                    "UPDATE " + db + ".products SET category_id = 1 WHERE id = " + (RENAMED + 2),
                    "UPDATE " + db + ".variants SET sku = 'sku-new' WHERE id = 8");
            String products = fixture.index("products");
            fixture.awaitDocument(products, "7", "title", "after failover");
            Poll.until(Duration.ofSeconds(60), "product 8's variant renamed", () -> fixture.document(products, "8")
                    .map(document -> document.path("variants").path(0).path("sku").asText()).orElse("")
                    .equals("sku-new"));
            Poll.until(Duration.ofSeconds(60), "product " + (RENAMED + 2) + " in the renamed category", () ->
                    fixture.document(products, String.valueOf(RENAMED + 2)).map(document -> document.path("category")
                            .path("name").asText()).orElse("").equals("Lights"));
            JsonNode seven = fixture.document(products, "7").orElseThrow();
            assertEquals("Lights", seven.path("category").path("name").asText(), seven.toString());
            fixture.awaitCaughtUp(onReplica, Duration.ofSeconds(60));

            VerifyReport report = SyncFixture.verify(parse(fixture, hocon), Duration.ofSeconds(20));
            assertFalse(report.hasDrift(), report.summary());
        }
    }

    @Test
    @Order(2)
    void aJobWhoseTransactionTheServerNeverHadIsDoneAfterTheWaitWithAWarningThatSaysToResync(TestServers servers)
            throws Exception {
        // the replica, promoted by the test before (or promoted here when that one did not run)
        replication.promoteReplica();
        try (SyncFixture fixture = new SyncFixture(servers, replica, "joins_lost_"
                + Long.toString(System.nanoTime(), 36))) {
            String db = fixture.database();
            createTables(replica, db);
            replica.execute("INSERT INTO " + db + ".categories VALUES (1, 'Lamps'), (2, 'Desks')",
                    "INSERT INTO " + db + ".products SELECT seq, CONCAT('product ', seq), 1 + seq % 2 FROM " + db
                            + ".seq_1_to_300");
            String hocon = hocon(fixture);
            Daemon daemon = fixture.start(parse(fixture, hocon));
            Poll.until(Duration.ofSeconds(60), "the initial snapshot", () -> all(fixture) == 300);
            fixture.awaitCaughtUp(daemon, Duration.ofSeconds(60));
            daemon.close();

            // a rename the old primary wrote and the daemon saw, which never reached this server: its row here is
            // changed behind the binlog's back, so that only the job can bring the documents in line
            replica.execute("SET SESSION sql_log_bin = 0",
                    "UPDATE " + db + ".categories SET name = 'Tables' WHERE id = 2", "SET SESSION sql_log_bin = 1");
            // and a transaction after it, as a server that took over has: snapshots now are newer than the copy's
            replica.execute("INSERT INTO " + db + ".products VALUES (301, 'product 301', 1)");
            long lost = sequenceOf((String) replica.query("SELECT @@gtid_binlog_pos AS pos").get(0).get("pos"))
                    + 1000;
            RebuildJobs jobs = new RebuildJobs(fixture.stateFile);
            jobs.add(List.of(new RebuildJobs.Entry("mappings[0]", "category_id", List.of("2"), "mysql-bin.000009",
                    4, false, lost)));
            String jobFile = jobs.pending().get(0).file().toString();

            long started = System.nanoTime();
            Daemon restarted = fixture.start(parse(fixture, hocon));
            Poll.until(Duration.ofSeconds(120), "category 2's documents rebuilt and the job gone", () -> {
                SyncFixture.requireRunning(restarted);
                return named(fixture, "Tables") == 150 && all(fixture) == 301 && jobs(fixture).isEmpty();
            });
            long seconds = (System.nanoTime() - started) / 1_000_000_000;
            assertTrue(seconds >= 29, "waited for the transaction first: " + seconds + " s");
            List<String> warnings = laneWarnings();
            assertEquals(1, warnings.size(), warnings.toString());
            for (String expected : List.of("GTID sequence number " + lost, jobFile, "failover",
                    "binlog-sync resync " + db + ".products")) {
                assertTrue(warnings.get(0).contains(expected), "'" + expected + "' missing in: " + warnings.get(0));
            }
            VerifyReport report = SyncFixture.verify(parse(fixture, hocon), Duration.ofSeconds(20));
            assertFalse(report.hasDrift(), report.summary());
        }
    }
}
