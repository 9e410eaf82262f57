package io.binlogsync.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.binlogsync.testing.servers.LocalSearchServer;
import io.binlogsync.testing.servers.MariaDbServer;
import io.binlogsync.testing.Poll;
import io.binlogsync.testing.servers.RedisServer;
import redis.clients.jedis.Jedis;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The demo behind scripts/demo.sh: private servers on fixed ports, the example schema, the daemon started as
 * operators start it ({@code bin/binlog-sync run --config conf/demo.conf}), a few changes, and what Elasticsearch
 * and Redis hold before and after. Everything it starts is stopped when it ends, also when it is interrupted
 * (Ctrl-C, SIGTERM).
 */
public final class Demo {
    private static final int MARIADB_PORT = 23306;
    private static final int REDIS_PORT = 26379;
    private static final int ELASTICSEARCH_PORT = 29200;
    /** conf/demo.conf's metrics.listen */
    private static final int METRICS_PORT = 29404;
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(com.fasterxml.jackson.databind.cfg.JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
    private static final Path WORK = Path.of("target", "demo");

    private final MariaDbServer mariadb = new MariaDbServer().onPort(MARIADB_PORT);
    private final RedisServer redis = new RedisServer().onPort(REDIS_PORT);
    private final LocalSearchServer elasticsearch = new LocalSearchServer().onPort(ELASTICSEARCH_PORT);
    private volatile Process daemon;
    private volatile boolean finished;

    public static void main(String[] args) throws Exception {
        for (int port : new int[] {MARIADB_PORT, REDIS_PORT, ELASTICSEARCH_PORT, METRICS_PORT}) {
            requireFree(port);
        }
        Demo demo = new Demo();
        // Ctrl-C and SIGTERM run shutdown hooks, not finally blocks: without this hook an interrupted demo would
        // leave its servers running and their directories behind.
        Runtime.getRuntime().addShutdownHook(new Thread(demo::stopOnInterrupt, "demo-interrupted"));
        try {
            demo.run();
        } finally {
            demo.stopEverything();
            demo.finished = true;
        }
        System.exit(0);
    }

    private void stopOnInterrupt() {
        if (!finished) {
            step("interrupted: stopping the daemon and every server the demo started");
            stopEverything();
        }
    }

    /** Harmless twice, and from two threads at once: each stop and close is. */
    private void stopEverything() {
        Process running = daemon;
        if (running != null) {
            stop(running);
        }
        elasticsearch.close();
        mariadb.close();
        redis.close();
    }

    /** SIGTERM, as operators stop the daemon; SIGKILL if it has not exited 20 s later. */
    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void requireFree(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            socket.setReuseAddress(true);
        } catch (IOException e) {
            throw new IllegalStateException("port " + port + " is in use: the demo needs ports 23306, 26379 and 29200;"
                    + " stop what listens there (an earlier demo?) and run again");
        }
    }

    private void run() throws Exception {
        step("starting private MariaDB (:" + MARIADB_PORT + "), Redis (:" + REDIS_PORT + ") and Elasticsearch (:"
                + ELASTICSEARCH_PORT + ")");
        CompletableFuture<LocalSearchServer> es = CompletableFuture.supplyAsync(elasticsearch::start);
        mariadb.start();
        redis.start();
        es.join();

        step("applying conf/demo-schema.sql");
        List<String> statements = new ArrayList<>();
        for (String statement : Files.readString(Path.of("conf", "demo-schema.sql")).split(";\\s*\\n")) {
            String sql = statement.lines().filter(line -> !line.trim().startsWith("--")).reduce("", (a, b) -> a + "\n" + b).trim();
            if (!sql.isEmpty()) {
                statements.add(sql);
            }
        }
        mariadb.execute(statements.toArray(String[]::new));

        Files.createDirectories(WORK);
        Files.deleteIfExists(WORK.resolve("state.json"));
        Path log = WORK.resolve("daemon.log");
        Files.deleteIfExists(log);
        step("starting the daemon: bin/binlog-sync run --config conf/demo.conf (log: " + log + ")");
        ProcessBuilder builder = new ProcessBuilder("bin/binlog-sync", "run", "--config", "conf/demo.conf")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("BINLOG_SYNC_SOURCE_PASSWORD", MariaDbServer.SYNC_PASSWORD);
        Process daemon = builder.start();
        this.daemon = daemon;
        try {
            Poll.until(DEADLINE, "the daemon to start (see " + log + ")",
                    () -> daemon.isAlive() && Files.exists(WORK.resolve("state.json")));
            demonstrate();
            showOperatorsView();
        } finally {
            step("stopping the daemon with SIGTERM");
            stop(daemon);
            System.out.println("exit code " + daemon.exitValue() + "; saved state:");
            System.out.println(Files.readString(WORK.resolve("state.json")).indent(2));
            System.out.println("daemon log:");
            System.out.println(Files.readString(log).indent(2));
        }
    }

    private void demonstrate() throws Exception {
        try (Jedis cache = redis.client()) {
            step("a web tier caches some pages (Redis keys set by hand)");
            for (String key : List.of("product:1", "product:2", "product:sku:LAMP-1", "product:sku:DESK-1",
                    "product:3", "category:1", "category:slug:lighting", "homepage")) {
                cache.set(key, "<cached html>");
            }
            show(cache, "before any change");

            step("INSERT two categories and three products");
            mariadb.execute(
                    "INSERT INTO shop.categories (id, slug, name) VALUES (1, 'lighting', 'Lighting'), (2, 'desks', 'Desks')",
                    "INSERT INTO shop.products (id, sku, title, price, category_id, internal_note) VALUES"
                            + " (1, 'LAMP-1', 'Reading lamp', 39.90, 1, 'supplier: ACME'),"
                            + " (2, 'DESK-1', 'Oak desk', 249.00, 2, 'fragile'),"
                            + " (3, 'CHAIR-1', 'Office chair', 129.50, 2, NULL)");
            awaitDocuments("products", 3);
            awaitDocuments("categories", 2);
            show(cache, "after the inserts (internal_note is excluded, title is indexed as name)");

            cache.set("product:1", "<cached html>");
            cache.set("product:sku:DESK-1", "<cached html>");
            step("UPDATE the lamp's price, change the desk's sku (its old sku's cache goes too), DELETE the chair");
            mariadb.execute("UPDATE shop.products SET price = 34.90 WHERE id = 1",
                    "UPDATE shop.products SET sku = 'DESK-2' WHERE id = 2",
                    "DELETE FROM shop.products WHERE id = 3");
            awaitDocuments("products", 2);
            Poll.until(DEADLINE, "the price update to arrive", () -> documents("products").stream()
                    .anyMatch(d -> d.path("price").asText().equals("34.9") || d.path("price").asText().equals("34.90")));
            Poll.until(DEADLINE, "the cache keys to be deleted",
                    () -> !cache.exists("product:1") && !cache.exists("product:sku:DESK-1"));
            show(cache, "after the updates and the delete");
        }
    }

    /** What an operator asks a running daemon: {@code status}, and the lag and counters on the metrics endpoint. */
    private void showOperatorsView() throws Exception {
        step("what an operator sees: bin/binlog-sync status --config conf/demo.conf");
        ProcessBuilder builder = new ProcessBuilder("bin/binlog-sync", "status", "--config", "conf/demo.conf")
                .redirectErrorStream(true);
        builder.environment().put("BINLOG_SYNC_SOURCE_PASSWORD", MariaDbServer.SYNC_PASSWORD);
        Process status = builder.start();
        System.out.print(new String(status.getInputStream().readAllBytes(), StandardCharsets.UTF_8).indent(2));
        status.waitFor();

        step("and on the metrics endpoint: curl -s http://127.0.0.1:" + METRICS_PORT + "/metrics | grep ...");
        HttpClient http = HttpClient.newHttpClient();
        String scrape = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + METRICS_PORT + "/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        scrape.lines().filter(line -> line.startsWith("binlogsync_rows_read_total")
                        || line.startsWith("binlogsync_documents_")
                        || line.startsWith("binlogsync_keys_deleted_total")
                        || line.startsWith("binlogsync_lag_"))
                .forEach(line -> System.out.println("  " + line));
        String ready = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + METRICS_PORT + "/ready"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        System.out.println("  /ready: " + ready);
    }

    private void awaitDocuments(String index, int count) {
        Poll.until(DEADLINE, count + " documents in " + index, () -> documents(index).size() == count);
    }

    private List<JsonNode> documents(String index) {
        elasticsearch.request("POST", "/" + index + "/_refresh", null);
        var result = elasticsearch.request("POST", "/" + index + "/_search", "{\"size\":100,\"sort\":[\"_doc\"]}");
        List<JsonNode> documents = new ArrayList<>();
        if (!result.isSuccess()) {
            return documents;
        }
        try {
            for (JsonNode hit : JSON.readTree(result.body()).path("hits").path("hits")) {
                documents.add(JSON.createObjectNode().put("_id", hit.get("_id").asText()).setAll(
                        (com.fasterxml.jackson.databind.node.ObjectNode) hit.get("_source")));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return documents;
    }

    private void show(Jedis cache, String when) {
        System.out.println("--- " + when);
        for (String index : List.of("products", "categories")) {
            List<JsonNode> documents = documents(index);
            System.out.println("  Elasticsearch " + index + ": " + documents.size() + " document(s)");
            documents.forEach(document -> System.out.println("    " + document));
        }
        System.out.println("  Redis keys: " + new TreeSet<>(cache.keys("*")));
    }

    private static void step(String text) {
        System.out.println();
        System.out.println("==> " + text);
    }
}
