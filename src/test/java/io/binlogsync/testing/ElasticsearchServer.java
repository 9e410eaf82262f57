package io.binlogsync.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A private single-node Elasticsearch (security off) on free ports of 127.0.0.1, from the
 * distribution zip named by the system property {@code binlogsync.elasticsearch.zip}. Runs as the
 * system user {@code binlogsync-es} when the tests run as root. Data survives {@link #restart()}.
 */
public final class ElasticsearchServer implements AutoCloseable {

    private static final String HOST = "127.0.0.1";
    private static final String CLUSTER_NAME = "binlogsync-test";
    private static final String SERVICE_USER = "binlogsync-es";
    private static final String HEAP_OPTIONS = "-Xms1g -Xmx1g";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);
    private static final int LOG_LINES_IN_ERRORS = 50;

    private final Path distributionZip;
    private final String version;
    private volatile Path root;
    private volatile int httpPort;
    private int transportPort;
    private Optional<ServiceUser> serviceUser = Optional.empty();
    private ServerProcess process;
    private JsonHttpClient http;
    private boolean closed;
    private volatile boolean closeRequested;

    /** Uses the distribution named by the system properties the pom sets for failsafe and exec:java. */
    public ElasticsearchServer() {
        this(Path.of(requiredProperty("binlogsync.elasticsearch.zip")), requiredProperty("binlogsync.elasticsearch.version"));
    }

    public ElasticsearchServer(Path distributionZip, String version) {
        this.distributionZip = distributionZip;
        this.version = version;
    }

    /** Starts the node and waits (up to two minutes) until the cluster is at least yellow. */
    private int requestedPort;

    /** Serves HTTP on {@code fixedPort} instead of a free one (the demo's fixed ports); before the first start. */
    public ElasticsearchServer onPort(int fixedPort) {
        this.requestedPort = fixedPort;
        return this;
    }

    public synchronized ElasticsearchServer start() {
        if (closed) {
            throw new IllegalStateException("Elasticsearch server is closed");
        }
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("Elasticsearch already running on port " + httpPort);
        }
        long started = System.nanoTime();
        Path home = ElasticsearchDistribution.unpack(distributionZip, version,
                Path.of(System.getProperty("user.dir"), "target"));
        if (root == null) {
            prepareInstance(home);
        }
        pidFile().delete();
        process = ServerProcess.start("elasticsearch", command(home), environment(), root,
                root.resolve("elasticsearch.out"));
        try {
            awaitHealthy();
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
        HarnessLog.info("Elasticsearch " + version + " up on " + url() + " (transport " + transportPort + ") in "
                + HarnessLog.secondsSince(started) + " (" + root + ")");
        return this;
    }

    /** SIGTERM to the launcher and the server JVM, SIGKILL to what remains after 30 s. Harmless when not running. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        // The server JVM may outlive a launcher that died, so it is checked on its own.
        List<ProcessHandle> serverJvm = pidFile().process().stream().toList();
        if (process.isAlive() || !serverJvm.isEmpty()) {
            process.stop(STOP_TIMEOUT, serverJvm);
        }
        pidFile().delete();
    }

    /** Stops and starts again on the same ports with the same data. */
    public synchronized ElasticsearchServer restart() {
        stop();
        return start();
    }

    /** SIGKILL to the launcher and the server JVM, as a crash would. */
    public synchronized void kill() {
        if (process != null && process.isAlive()) {
            pidFile().process().ifPresent(ProcessHandle::destroyForcibly);
            process.kill();
            pidFile().delete();
        }
    }

    /** Stops the node and deletes its directories; harmless twice. The unpacked distribution stays. */
    @Override
    public void close() {
        closeRequested = true; // makes a start in progress on another thread give up and release the lock
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            stop();
            Directories.delete(root);
        }
    }

    public String host() {
        return HOST;
    }

    public int port() {
        return httpPort;
    }

    /** {@code http://127.0.0.1:PORT} */
    public String url() {
        return "http://" + HOST + ":" + httpPort;
    }

    /** One JSON request; any status is returned, not thrown. */
    public HttpResult request(String method, String path, String jsonBodyOrNull) {
        return client().send(method, path, jsonBodyOrNull, REQUEST_TIMEOUT);
    }

    /** Makes everything indexed so far visible to search. */
    public void refresh(String index) {
        HttpResult result = request("POST", "/" + index + "/_refresh", null);
        if (!result.isSuccess()) {
            throw new IllegalStateException("refresh of " + index + " answered " + result.status() + ": " + result.body());
        }
    }

    private void requireStillWanted() {
        if (closeRequested) {
            throw new Poll.GiveUp("closed while starting");
        }
        process.requireAlive();
    }

    private synchronized JsonHttpClient client() {
        if (http == null) {
            throw new IllegalStateException("Elasticsearch has not been started");
        }
        return http;
    }

    private void prepareInstance(Path home) {
        root = Directories.createTemp("binlogsync-es-");
        httpPort = requestedPort > 0 ? requestedPort : FreePort.find();
        transportPort = FreePort.find();
        http = new JsonHttpClient(url());
        new ElasticsearchSettings(CLUSTER_NAME, "node-" + httpPort, Directories.create(root.resolve("data")),
                Directories.create(root.resolve("logs")), HOST, httpPort, transportPort)
                .writeConfigDir(home.resolve("config"), root.resolve("config"));
        Directories.create(root.resolve("tmp"));
        if (CurrentUser.isRoot()) {
            ServiceUser user = ServiceUser.ensure(SERVICE_USER, root);
            user.takeOwnership(root, root);
            user.requireCanRead(home.resolve("bin/elasticsearch"), root);
            user.requireCanRead(home.resolve("lib"), root);
            serviceUser = Optional.of(user);
        }
    }

    private List<String> command(Path home) {
        List<String> command = new ArrayList<>();
        serviceUser.ifPresent(user -> command.addAll(user.commandPrefix()));
        command.addAll(List.of(home.resolve("bin/elasticsearch").toString(), "-p", pidFile().path().toString()));
        return command;
    }

    private Map<String, String> environment() {
        return Map.of(
                "ES_JAVA_HOME", System.getProperty("java.home"),
                "ES_JAVA_OPTS", HEAP_OPTIONS,
                "ES_PATH_CONF", root.resolve("config").toString(),
                "ES_TMPDIR", root.resolve("tmp").toString());
    }

    private void awaitHealthy() {
        try {
            Poll.until(START_TIMEOUT, "Elasticsearch on " + url() + " to report yellow health", () -> {
                requireStillWanted();
                return http.send("GET", "/_cluster/health?wait_for_status=yellow&timeout=1s", null, PROBE_TIMEOUT)
                        .status() == 200;
            });
        } catch (AssertionError | Poll.GiveUp e) {
            throw new IllegalStateException(e.getMessage() + "\n" + LogTail.lastLines(serverLog(), LOG_LINES_IN_ERRORS), e);
        }
    }

    /** Written by the server JVM, which the launcher (our direct child) starts. */
    private PidFile pidFile() {
        return new PidFile(root.resolve("elasticsearch.pid"));
    }

    private Path serverLog() {
        return root.resolve("logs").resolve(CLUSTER_NAME + ".log");
    }

    private static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set: run through Maven (failsafe and"
                    + " exec:java set it from the pom) or pass -D" + name + "=...");
        }
        return value;
    }
}
