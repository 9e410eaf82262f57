package io.binlogsync.bench;

import io.binlogsync.checkpoint.Checkpoint;
import io.binlogsync.checkpoint.StateFile;
import io.binlogsync.config.ConfigLoader;
import io.binlogsync.config.SyncConfig;
import io.binlogsync.event.BinlogPosition;
import io.binlogsync.runtime.Daemon;
import io.binlogsync.testing.MariaDbServer;
import io.binlogsync.testing.Poll;
import io.binlogsync.testing.TestServers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A first catch-up benchmark (run by bench/run.sh): writes a workload of inserts, updates and deletes into
 * bench.items, then starts the daemon at the position before it and times how long it takes until the whole
 * binlog is acknowledged by Elasticsearch and Redis. Prints rows/s of both.
 */
public final class CatchUpBenchmark {
    public static void main(String[] args) throws Exception {
        int inserts = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        // each setting is bulk-size:in-flight-batches; the catch-up is timed once per setting over the same binlog
        List<String> settings = args.length > 1 ? List.of(args).subList(1, args.length) : List.of("1000:2");
        try (TestServers servers = TestServers.start()) {
            MariaDbServer mariadb = servers.mariadb();
            mariadb.execute("CREATE DATABASE bench", "CREATE TABLE bench.items (id BIGINT PRIMARY KEY AUTO_INCREMENT,"
                    + " sku VARCHAR(64), title VARCHAR(255), price DECIMAL(10,2), qty INT, tags JSON, updated_at DATETIME(6))");
            Map<String, Object> status = mariadb.query("SHOW MASTER STATUS").get(0);
            BinlogPosition start = new BinlogPosition((String) status.get("File"), ((Number) status.get("Position")).longValue());

            long writeStarted = System.nanoTime();
            int rows = writeWorkload(mariadb, inserts);
            double writeSeconds = (System.nanoTime() - writeStarted) / 1e9;
            status = mariadb.query("SHOW MASTER STATUS").get(0);
            BinlogPosition end = new BinlogPosition((String) status.get("File"), ((Number) status.get("Position")).longValue());

            Path directory = Files.createTempDirectory("binlog-sync-bench");
            List<String> lines = new ArrayList<>();
            double firstCatchUp = 0;
            SyncConfig last = null;
            for (String setting : settings) {
                int bulk = Integer.parseInt(setting.split(":")[0]);
                int inFlight = Integer.parseInt(setting.split(":")[1]);
                StateFile stateFile = new StateFile(directory.resolve("state-" + bulk + "-" + inFlight + ".json"));
                stateFile.save(new Checkpoint(start, Optional.empty(), Instant.now()));
                SyncConfig config = ConfigLoader.parse("""
                        source { port = %d, user = "%s", password = "%s", server-id = 4299 }
                        state.file = "%s"
                        elasticsearch { hosts = ["%s"], bulk { max-actions = %d } }
                        redis { uri = "%s" }
                        pipeline { in-flight-batches = %d }
                        mappings = [ { table = "bench.items", index = "items-%d-%d", redis.invalidate = ["item:{id}", "sku:{sku}"] } ]
                        """.formatted(mariadb.port(), MariaDbServer.SYNC_USER, MariaDbServer.SYNC_PASSWORD,
                        stateFile.path(), servers.elasticsearch().url(), bulk, servers.redis().uri(), inFlight, bulk,
                        inFlight), "bench.conf", Map.of());
                long syncStarted = System.nanoTime();
                try (Daemon daemon = new Daemon(config, Clock.systemUTC())) {
                    daemon.start();
                    Poll.until(Duration.ofMinutes(30), "catch-up to " + end,
                            () -> daemon.acknowledged().position().compareTo(end) >= 0);
                }
                double syncSeconds = (System.nanoTime() - syncStarted) / 1e9;
                if (firstCatchUp == 0) {
                    firstCatchUp = syncSeconds;
                }
                lines.add(String.format("%-44s %10d %10.1f %12.0f", "catch-up, bulk " + bulk + ", in flight " + inFlight,
                        rows, syncSeconds, rows / syncSeconds));
                last = config;
            }
            double rawSeconds = rawBulk(last, rows);
            System.out.printf("%n%-44s %10s %10s %12s%n", "measure", "rows", "seconds", "rows/s");
            System.out.printf("%-44s %10d %10.1f %12.0f%n", "MariaDB writes the workload", rows, writeSeconds, rows / writeSeconds);
            lines.forEach(System.out::println);
            System.out.printf("%-44s %10d %10.1f %12.0f%n", "raw _bulk, as many documents, last bulk size", rows,
                    rawSeconds, rows / rawSeconds);
            System.out.printf("ratio first catch-up / write rate: %.2f; first catch-up / raw _bulk: %.2f%n",
                    writeSeconds / firstCatchUp, rawSeconds / firstCatchUp);
        }
        System.exit(0);
    }

    /**
     * The ceiling: as many index requests of documents shaped like the table's rows, sent through the same client
     * with the same bulk size, one request at a time, into a fresh index.
     */
    private static double rawBulk(SyncConfig config, int count) throws Exception {
        try (io.binlogsync.sink.es.ElasticsearchSink sink = new io.binlogsync.sink.es.ElasticsearchSink(
                config.elasticsearch(), Duration.ofMillis(100), Duration.ofSeconds(1), Clock.systemUTC(), Long.MAX_VALUE)) {
            io.binlogsync.event.TableId table = io.binlogsync.event.TableId.parse("bench.raw");
            int batchSize = config.elasticsearch().bulk().maxActions();
            long started = System.nanoTime();
            java.util.List<io.binlogsync.mapping.DocumentOperation> batch = new java.util.ArrayList<>(batchSize);
            for (int i = 1; i <= count; i++) {
                String json = "{\"id\":" + i + ",\"sku\":\"SKU-" + i + "\",\"title\":\"Item number " + i
                        + " with a title of a typical length\",\"price\":" + java.math.BigDecimal.valueOf(i % 10000, 2)
                        + ",\"qty\":" + (i % 100) + ",\"tags\":\"[\\\"tag" + (i % 7) + "\\\"]\","
                        + "\"updated_at\":\"2026-11-25T03:00:00.123456\"}";
                batch.add(new io.binlogsync.mapping.IndexDocument("raw", String.valueOf(i), i,
                        json.getBytes(java.nio.charset.StandardCharsets.UTF_8), table));
                if (batch.size() == batchSize || i == count) {
                    sink.write(new io.binlogsync.sink.SinkBatch(batch, java.util.List.of()));
                    batch = new java.util.ArrayList<>(batchSize);
                }
            }
            return (System.nanoTime() - started) / 1e9;
        }
    }

    /** Inserts in transactions of 100, then updates half of the rows and deletes a quarter, 100 a transaction. */
    private static int writeWorkload(MariaDbServer mariadb, int inserts) throws Exception {
        try (Connection connection = mariadb.adminConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO bench.items (sku, title, price, qty,"
                    + " tags, updated_at) VALUES (?, ?, ?, ?, ?, NOW(6))")) {
                for (int i = 1; i <= inserts; i++) {
                    insert.setString(1, "SKU-" + i);
                    insert.setString(2, "Item number " + i + " with a title of a typical length");
                    insert.setBigDecimal(3, java.math.BigDecimal.valueOf(i % 10000, 2));
                    insert.setInt(4, i % 100);
                    insert.setString(5, "[\"tag" + (i % 7) + "\", \"tag" + (i % 11) + "\"]");
                    insert.addBatch();
                    if (i % 100 == 0) {
                        insert.executeBatch();
                        connection.commit();
                    }
                }
                insert.executeBatch();
                connection.commit();
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE bench.items SET qty = qty + 1, updated_at = NOW(6) WHERE id = ?")) {
                for (int i = 1; i <= inserts / 2; i++) {
                    update.setLong(1, i * 2L);
                    update.addBatch();
                    if (i % 100 == 0) {
                        update.executeBatch();
                        connection.commit();
                    }
                }
                update.executeBatch();
                connection.commit();
            }
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM bench.items WHERE id = ?")) {
                for (int i = 1; i <= inserts / 4; i++) {
                    delete.setLong(1, i * 4L - 1);
                    delete.addBatch();
                    if (i % 100 == 0) {
                        delete.executeBatch();
                        connection.commit();
                    }
                }
                delete.executeBatch();
                connection.commit();
            }
        }
        return inserts + inserts / 2 + inserts / 4;
    }
}
