package io.binlogsync.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.binlogsync.config.ConfigLoader;
import io.binlogsync.config.SyncConfig;
import io.binlogsync.runtime.Daemon;
import io.binlogsync.testing.HttpResult;
import io.binlogsync.testing.servers.MariaDbServer;
import io.binlogsync.testing.servers.LocalSearchServer;
import io.binlogsync.testing.Poll;
import io.binlogsync.testing.servers.SourceServer;
import io.binlogsync.testing.servers.TestServers;
import redis.clients.jedis.Jedis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What an integration test needs around the shared servers: its own database and index names, its own state
 * file, a config pointing at the servers, the daemon in-process, and readers for Elasticsearch and Redis.
 */
final class SyncFixture implements AutoCloseable {
    static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(com.fasterxml.jackson.databind.cfg.JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
    private static final AtomicInteger SERVER_IDS = new AtomicInteger(5000 + (int) (ProcessHandle.current().pid() % 1000) * 10);

    final TestServers servers;
    /** The server the daemon follows: the shared MariaDB unless a test brings another. */
    final SourceServer source;
    /** The search server the daemon writes to: the shared Elasticsearch unless a test brings another. */
    final LocalSearchServer search;
    final String name;
    final Path directory;
    final Path stateFile;
    /** The fixture's own replication account, with only what README lists (see {@link #createUser}). */
    final String user;
    final String password = "sync-pass";
    private final List<Daemon> daemons = new ArrayList<>();

    SyncFixture(TestServers servers, String name) {
        this(servers, servers.mariadb(), name);
    }

    SyncFixture(TestServers servers, SourceServer source, String name) {
        this(servers, source, servers.elasticsearch(), name);
    }

    SyncFixture(TestServers servers, LocalSearchServer search, String name) {
        this(servers, servers.mariadb(), search, name);
    }

    private SyncFixture(TestServers servers, SourceServer source, LocalSearchServer search, String name) {
        this.servers = servers;
        this.source = source;
        this.search = search;
        this.name = name.toLowerCase(Locale.ROOT);
        try {
            this.directory = Files.createTempDirectory("binlog-sync-it-" + this.name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.stateFile = directory.resolve("state.json");
        this.user = "sync_" + Long.toString(System.nanoTime(), 36);
        createUser();
    }

    /**
     * The daemon's account: REPLICATION SLAVE (the binlog dump), REPLICATION CLIENT (SHOW MASTER STATUS and SHOW
     * BINARY LOGS; on MariaDB 10.5+ the name stands for BINLOG MONITOR) and SELECT on the fixture's database, which
     * holds the tables it maps; nothing more, so a test that needs another privilege shows it.
     */
    private void createUser() {
        // not binlogged: a server the fixture reads may be a replica, where a write of its own would add a GTID of
        // its own that strict GTID mode then finds out of order
        createUserOn(source, "SET SESSION sql_log_bin = 0");
    }

    /**
     * The same account on another server, e.g. the primary of a replica the fixture reads (whose statements then
     * replicate: IF NOT EXISTS keeps the replica's copy from stopping replication).
     */
    void createUserOn(SourceServer server) {
        createUserOn(server, "DO 0");
    }

    private void createUserOn(SourceServer server, String sessionSetting) {
        String account = "'" + user + "'@'%'";
        try {
            server.execute(sessionSetting, "CREATE USER IF NOT EXISTS " + account + " IDENTIFIED BY '" + password + "'",
                    "GRANT REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO " + account,
                    "GRANT SELECT ON `" + database() + "`.* TO " + account);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the replication account " + account + ": " + e.getMessage(),
                    e);
        }
    }

    /** RELOAD for FLUSH TABLES WITH READ LOCK: only the snapshot path of MySQL (and locking = global-read-lock). */
    void grantReload() throws SQLException {
        source.execute("GRANT RELOAD ON *.* TO '" + user + "'@'%'");
    }

    MariaDbServer mariadb() {
        return servers.mariadb();
    }

    String database() {
        return name;
    }

    String index(String base) {
        return name + "-" + base;
    }

    void sql(String... statements) throws SQLException {
        source.execute(statements);
    }

    /** Drops and creates the test's database, then runs {@code createTables}, each with {@code {db}} its name. */
    void createDatabase(String... createTables) throws SQLException {
        sql("DROP DATABASE IF EXISTS " + name, "CREATE DATABASE " + name);
        sql(java.util.Arrays.stream(createTables).map(statement -> statement.replace("{db}", name))
                .toArray(String[]::new));
    }

    /** A config whose mappings section is given, with the database name substituted for {db}. */
    String hocon(String mappings) {
        return """
                source { host = "%s", port = %d, user = "%s", password = "%s", server-id = %d, start = current,
                         heartbeat-interval = 1s }
                state.file = "%s"
                elasticsearch { hosts = ["%s"], bulk { max-actions = 500, max-bytes = 5MB, max-wait = 100ms } }
                redis { uri = "%s" }
                pipeline { retry { initial-backoff = 100ms, max-backoff = 1s }, shutdown-timeout = 10s }
                mappings = %s
                """.formatted(source.host(), source.port(), user, password,
                SERVER_IDS.incrementAndGet(), stateFile, search.url(), servers.redis().uri(),
                mappings.replace("{db}", database()).replace("{index}", name + "-"));
    }

    SyncConfig config(String mappings) {
        return ConfigLoader.parse(hocon(mappings), name + ".conf", Map.of());
    }

    Path writeConfig(String mappings) throws IOException {
        Path file = directory.resolve("binlog-sync.conf");
        Files.writeString(file, hocon(mappings));
        return file;
    }

    Daemon start(SyncConfig config) throws SQLException, InterruptedException {
        Daemon daemon = new Daemon(config, Clock.systemUTC());
        daemons.add(daemon);
        try {
            daemon.start();
        } catch (RuntimeException | SQLException | InterruptedException e) {
            daemon.close();
            throw e;
        }
        return daemon;
    }

    /** The document's source, or empty when it does not exist. */
    Optional<JsonNode> document(String index, String id) {
        HttpResult result = search.request("GET", "/" + index + "/_doc/" + encode(id), null);
        if (result.status() == 404) {
            return Optional.empty();
        }
        JsonNode body = parse(result);
        return body.path("found").asBoolean() ? Optional.of(body.get("_source")) : Optional.empty();
    }

    long version(String index, String id) {
        return parse(search.request("GET", "/" + index + "/_doc/" + encode(id), null)).path("_version").asLong(-1);
    }

    /** Every document of the index, by id (refreshes first). */
    Map<String, JsonNode> documents(String index) {
        search.request("POST", "/" + index + "/_refresh", null);
        HttpResult result = search.request("POST", "/" + index + "/_search",
                "{\"size\":10000,\"query\":{\"match_all\":{}}}");
        Map<String, JsonNode> documents = new LinkedHashMap<>();
        if (result.status() == 404) {
            return documents;
        }
        for (JsonNode hit : parse(result).path("hits").path("hits")) {
            documents.put(hit.get("_id").asText(), hit.get("_source"));
        }
        return documents;
    }

    /** How many documents of {@code index} match {@code query} (a _count body) after a refresh; -1 if it cannot tell. */
    long count(String index, String query) {
        search.request("POST", "/" + index + "/_refresh", null);
        return visibleCount(index, query);
    }

    /**
     * How many documents of {@code index} a search finds now, without forcing a refresh: what a user sees, the index's
     * own refresh interval deciding. For timings, where a refresh per poll would add work to what is measured.
     */
    long visibleCount(String index, String query) {
        HttpResult result = search.request("POST", "/" + index + "/_count", query);
        try {
            return JSON.readTree(result.body()).path("count").asLong(-1);
        } catch (IOException e) {
            return -1;
        }
    }

    void awaitDocument(String index, String id, String field, String expected) {
        Poll.until(DEADLINE, index + "/" + id + "." + field + " = " + expected, () -> document(index, id)
                .map(source -> expected.equals(source.path(field).asText(null))).orElse(false));
    }

    void awaitNoDocument(String index, String id) {
        Poll.until(DEADLINE, index + "/" + id + " deleted", () -> document(index, id).isEmpty());
    }

    private static String encode(String id) {
        return java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The source's end of binlog now. */
    io.binlogsync.event.BinlogPosition currentPosition() throws SQLException {
        Map<String, Object> status = source.query("SHOW MASTER STATUS").get(0);
        return new io.binlogsync.event.BinlogPosition((String) status.get("File"),
                ((Number) status.get("Position")).longValue());
    }

    /** Inside a poll: stops waiting at once when the daemon has stopped on a failure. */
    static void requireRunning(Daemon daemon) {
        daemon.failure().ifPresent(cause -> {
            throw new Poll.GiveUp("the daemon failed: " + cause.getMessage());
        });
    }

    /** Waits until the daemon has acknowledged everything written so far. */
    void awaitCaughtUp(Daemon daemon, Duration deadline) throws SQLException {
        io.binlogsync.event.BinlogPosition end = currentPosition();
        Poll.until(deadline, "the daemon to acknowledge up to " + end, () -> {
            requireRunning(daemon);
            return daemon.acknowledged().position().compareTo(end) >= 0;
        });
    }

    /** Waits (60 s at most) for the daemon to stop on its own and returns why; fails when it keeps running. */
    static Throwable awaitFailure(Daemon daemon) throws Exception {
        java.util.Optional<Throwable> failure = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return daemon.awaitTermination();
            } catch (InterruptedException e) {
                return java.util.Optional.<Throwable>empty();
            }
        }).get(60, java.util.concurrent.TimeUnit.SECONDS);
        return failure.orElseThrow(() -> new AssertionError("the daemon stopped without a failure"));
    }

    /** Differences between {@code db.items} and its index (see {@link Workload}); empty when equal. */
    List<String> itemsDifferences() throws Exception {
        List<String> differences = new ArrayList<>(TableComparison.differences(source.query(
                "SELECT id, v, title FROM " + database() + ".items"), "id", documents(index("items"))));
        // and binlog-sync verify, the operators' oracle, must agree
        io.binlogsync.verify.VerifyReport report = verify(config("[ { table = \"{db}.items\", index = \"{index}items\" } ]"));
        if (report.hasDrift()) {
            differences.add("verify: " + report.summary());
        }
        return differences;
    }

    /**
     * {@code binlog-sync verify} over every mapping of {@code config}, in chunks (the oracle for large tables);
     * differences that a running daemon clears within 10 s count as lag.
     */
    static io.binlogsync.verify.VerifyReport verify(SyncConfig config) throws Exception {
        return verify(config, Duration.ofSeconds(10));
    }

    /** As {@link #verify(SyncConfig)}, waiting {@code lagWait} for differences to clear before calling them drift. */
    static io.binlogsync.verify.VerifyReport verify(SyncConfig config, Duration lagWait) throws Exception {
        var options = new io.binlogsync.verify.VerifyOptions(Optional.empty(), 5000, 20, false, lagWait);
        try (var components = new io.binlogsync.runtime.Components(config, Clock.systemUTC())) {
            return components.verifier(options).run(io.binlogsync.progress.Progress.NONE);
        }
    }

    Jedis redis() {
        return servers.redis().client();
    }

    private static JsonNode parse(HttpResult result) {
        try {
            return JSON.readTree(result.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + result, e);
        }
    }

    @Override
    public void close() {
        daemons.forEach(Daemon::close);
    }
}
