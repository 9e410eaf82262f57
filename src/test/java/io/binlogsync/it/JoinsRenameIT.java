package io.binlogsync.it;

import io.binlogsync.config.ConfigLoader;
import io.binlogsync.config.SyncConfig;
import io.binlogsync.runtime.Daemon;
import io.binlogsync.testing.Poll;
import io.binlogsync.testing.servers.TestServers;
import io.binlogsync.testing.servers.TestServersExtension;
import io.binlogsync.verify.VerifyReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A category rename that touches many product documents: a {@code kill -9} in the middle of its rebuild and a
 * restart end without drift; and the time a rename of 100,000 documents takes, with the lag of another table's
 * changes meanwhile (printed as {@code JOINS RENAME: ...}; bench/joins-rename.sh runs it).
 */
@ExtendWith(TestServersExtension.class)
class JoinsRenameIT {
    private static final int LARGE = Integer.getInteger("joins.rename.documents", 100_000);
    /** Renames timed one after another (bench/joins-rename.sh asks for more): the first meets servers just started. */
    private static final int RENAMES = Integer.getInteger("joins.rename.runs", 1);

    private SyncFixture fixture;
    private String db;

    @BeforeEach
    void setUp(TestServers servers) throws SQLException {
        fixture = new SyncFixture(servers, "joinsrename_" + Long.toString(System.nanoTime(), 36));
        db = fixture.database();
        JoinsIT.createTables(fixture);
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    /** {@code products} products in category 1, 1,000 more in category 2, two variants each for the first 2,000. */
    private void fill(int products) throws SQLException {
        fixture.sql("INSERT INTO " + db + ".categories VALUES (1, 'Lamps'), (2, 'Desks')",
                "INSERT INTO " + db + ".products SELECT seq, CONCAT('product ', seq), IF(seq <= " + products
                        + ", 1, 2) FROM " + db + ".seq_1_to_" + (products + 1000),
                "INSERT INTO " + db + ".variants SELECT seq, 1 + seq % 2000, CONCAT('sku-', seq), seq FROM "
                        + db + ".seq_1_to_4000");
    }

    /** Pages of {@code chunkSize} rows for the snapshot and the side lane. */
    private String hocon(int chunkSize) {
        return fixture.hocon(JoinsIT.MAPPINGS) + "snapshot { mode = initial, chunk-size = " + chunkSize + " }\n";
    }

    private long named(String name) {
        return fixture.count(fixture.index("products"), namedQuery(name));
    }

    /** Like {@link #named} but without forcing a refresh, as a user's search sees it: for the timing. */
    private long visiblyNamed(String name) {
        return fixture.visibleCount(fixture.index("products"), namedQuery(name));
    }

    private static String namedQuery(String name) {
        return "{\"query\":{\"match_phrase\":{\"category.name\":\"" + name + "\"}}}";
    }

    private long all() {
        return fixture.count(fixture.index("products"), "{\"query\":{\"match_all\":{}}}");
    }

    /** Changes titles of products 1..2000 and variants' prices, as a shop's writers would, until closed. */
    private final class Writer implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread = new Thread(this::run, "joins-rename-writer");
        private int changes;

        Writer start() {
            thread.start();
            return this;
        }

        private void run() {
            Random random = new Random(11);
            while (running.get()) {
                try {
                    int id = 1 + random.nextInt(2000);
                    fixture.sql(random.nextBoolean()
                            ? "UPDATE " + db + ".products SET title = 'title " + changes + "' WHERE id = " + id
                            : "UPDATE " + db + ".variants SET price = price + 1 WHERE id = " + id);
                    changes++;
                    Thread.sleep(10);
                } catch (SQLException | InterruptedException e) {
                    return;
                }
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(5000);
        }
    }

    @Test
    void aKillInTheMiddleOfARenamesRebuildThenARestartEndsWithoutDrift() throws Exception {
        int products = 60_000;
        fill(products);
        Path config = fixture.directory.resolve("joins.conf");
        Files.writeString(config, hocon(2000));
        SyncConfig parsed = ConfigLoader.parse(hocon(2000), "joins.conf", Map.of());
        Path jobs = fixture.stateFile.resolveSibling(fixture.stateFile.getFileName() + ".rebuilds");
        Path log = fixture.directory.resolve("daemon.log");
        new Workload(fixture.mariadb(), db, 5, 5);

        DaemonProcess daemon = DaemonProcess.start(log, "run", "--config", config.toString());
        try (Writer writer = new Writer()) {
            Poll.until(Duration.ofMinutes(3), "the initial snapshot of " + (products + 1000) + " products",
                    () -> all() == products + 1000);
            writer.start();
            fixture.sql("UPDATE " + db + ".categories SET name = 'Lights' WHERE id = 1");
            // the writer's own product updates are rebuilt inline and may carry the new name first: wait for the
            // side lane's job (its file) and more renamed documents than the writer can have touched
            Poll.until(Duration.ofSeconds(60), "the rename's rebuild to be under way on the side lane",
                    () -> jobFileIn(jobs) && named("Lights") > 2000);
            daemon.kill();
            long renamedAtKill = named("Lights");
            boolean jobLeft = hasJob(jobs);
            assertTrue(jobLeft && renamedAtKill < products, "killed in the middle: " + renamedAtKill + " of "
                    + products + " renamed, job file left: " + jobLeft);

            daemon = DaemonProcess.start(log, "run", "--config", config.toString());
            Poll.until(Duration.ofSeconds(120), "every product of category 1 renamed after the restart",
                    () -> named("Lights") == products);
        } finally {
            daemon.terminate(30);
        }
        VerifyReport report = SyncFixture.verify(parsed, Duration.ofSeconds(20));
        assertFalse(report.hasDrift(), report.summary());
        assertFalse(hasJob(jobs), "the job file is gone once done");
    }

    private static boolean jobFileIn(Path jobs) {
        try {
            return hasJob(jobs);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean hasJob(Path jobs) throws IOException {
        if (!Files.isDirectory(jobs)) {
            return false;
        }
        try (Stream<Path> files = Files.list(jobs)) {
            return files.anyMatch(file -> file.toString().endsWith(".json"));
        }
    }

    @Test
    void aRenameOfManyDocumentsIsTimedWithTheLagOfAnotherTable() throws Exception {
        fill(LARGE);
        SyncConfig config = ConfigLoader.parse(hocon(5000), "joins.conf", Map.of());
        new Workload(fixture.mariadb(), db, 5, 5);
        Daemon daemon = fixture.start(config);
        Poll.until(Duration.ofMinutes(3), "the initial snapshot", () -> all() == LARGE + 1000);

        List<Long> lags = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean probing = new AtomicBoolean(true);
        Thread probe = new Thread(() -> {
            int id = 1;
            while (probing.get()) {
                try {
                    fixture.sql("INSERT INTO " + db + ".items VALUES (" + id + ", 1, 'probe')");
                    long committed = System.nanoTime();
                    String itemId = String.valueOf(id);
                    Poll.until(Duration.ofSeconds(60), "item " + id, () -> fixture.document(fixture.index("items"),
                            itemId).isPresent());
                    lags.add((System.nanoTime() - committed) / 1_000_000);
                    id++;
                    Thread.sleep(50);
                } catch (SQLException | InterruptedException e) {
                    return;
                }
            }
        }, "lag-probe");
        try (Writer writer = new Writer()) {
            writer.start();
            probe.start();
            for (int run = 1; run <= RENAMES; run++) {
                Thread.sleep(2000);
                int before = lags.size();
                String name = "Lights " + run;
                long started = System.nanoTime();
                fixture.sql("UPDATE " + db + ".categories SET name = '" + name + "' WHERE id = 1");
                Poll.until(Duration.ofMinutes(2), "every product of category 1 renamed to " + name, () -> {
                    SyncFixture.requireRunning(daemon);
                    return visiblyNamed(name) == LARGE;
                });
                long millis = (System.nanoTime() - started) / 1_000_000;
                List<Long> during = new ArrayList<>(lags.subList(before, lags.size()));
                Collections.sort(during);
                long max = during.isEmpty() ? -1 : during.get(during.size() - 1);
                long median = during.isEmpty() ? -1 : during.get(during.size() / 2);
                System.out.println("JOINS RENAME " + run + "/" + RENAMES + ": " + LARGE + " product documents renamed"
                        + " in " + millis + " ms (measured to all visible in a search, by the index's 1 s refresh);"
                        + " items lag meanwhile: median " + median + " ms, max " + max + " ms over " + during.size()
                        + " probes (a real-time GET finds the item document)");
                assertTrue(during.size() > 0, "probes ran during rename " + run);
            }
            probing.set(false);
            probe.join(10_000);
        }
    }
}
