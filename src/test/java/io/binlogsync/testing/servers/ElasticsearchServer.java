package io.binlogsync.testing.servers;

import io.binlogsync.testing.CurrentUser;
import io.binlogsync.testing.Directories;
import io.binlogsync.testing.FreePort;
import io.binlogsync.testing.HttpResult;
import io.binlogsync.testing.LogTail;
import io.binlogsync.testing.Poll;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A private single-node Elasticsearch (security off) on free ports of 127.0.0.1, from the
 * distribution zip named by the system property {@code binlogsync.elasticsearch.zip}. Runs as the
 * system user {@code binlogsync-es} when the tests run as root. {@link #port()} is the HTTP port.
 * Data survives {@link #restart()}; {@link #close()} deletes it, but the unpacked distribution stays.
 * Stopping and killing reach both the launcher (our child) and the server JVM it starts.
 */
public final class ElasticsearchServer extends LocalServer<ElasticsearchServer> {

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
    private boolean configured;
    private int transportPort;
    private Optional<ServiceUser> serviceUser = Optional.empty();
    private JsonHttpClient http;

    /** Uses the distribution named by the system properties the pom sets for failsafe and exec:java. */
    public ElasticsearchServer() {
        this(Path.of(requiredProperty("binlogsync.elasticsearch.zip")), requiredProperty("binlogsync.elasticsearch.version"));
    }

    public ElasticsearchServer(Path distributionZip, String version) {
        super("Elasticsearch", "binlogsync-es-", STOP_TIMEOUT);
        this.distributionZip = distributionZip;
        this.version = version;
    }

    /** {@code http://127.0.0.1:PORT} */
    public String url() {
        return "http://" + HOST + ":" + port();
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

    private synchronized JsonHttpClient client() {
        if (http == null) {
            throw new IllegalStateException("Elasticsearch has not been started");
        }
        return http;
    }

    /** Launches the node, configuring its directory the first time. */
    @Override
    protected ServerProcess launch() {
        Path home = ElasticsearchDistribution.unpack(distributionZip, version,
                Path.of(System.getProperty("user.dir"), "target"));
        if (!configured) {
            configure(home);
        }
        pidFile().delete();
        return ServerProcess.start("elasticsearch", command(home), environment(), root(),
                root().resolve("elasticsearch.out"));
    }

    /** Waits (up to two minutes) until the cluster is at least yellow. */
    @Override
    protected void awaitReady() {
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

    @Override
    protected String endpoint() {
        return url() + " (version " + version + ", transport " + transportPort + ")";
    }

    /** The server JVM may outlive a launcher that died, so it is found through its pid file. */
    @Override
    protected List<ProcessHandle> processesOutsideTree() {
        return pidFile().process().stream().toList();
    }

    @Override
    protected void afterStop() {
        pidFile().delete();
    }

    private void configure(Path home) {
        Path root = root();
        transportPort = FreePort.find();
        http = new JsonHttpClient(url());
        new ElasticsearchSettings(CLUSTER_NAME, "node-" + port(), Directories.create(root.resolve("data")),
                Directories.create(root.resolve("logs")), HOST, port(), transportPort)
                .writeConfigDir(home.resolve("config"), root.resolve("config"));
        Directories.create(root.resolve("tmp"));
        if (CurrentUser.isRoot()) {
            ServiceUser user = ServiceUser.ensure(SERVICE_USER, root);
            user.takeOwnership(root, root);
            user.requireCanRead(home.resolve("bin/elasticsearch"), root);
            user.requireCanRead(home.resolve("lib"), root);
            serviceUser = Optional.of(user);
        }
        configured = true;
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
                "ES_PATH_CONF", root().resolve("config").toString(),
                "ES_TMPDIR", root().resolve("tmp").toString());
    }

    /** Written by the server JVM, which the launcher (our direct child) starts. */
    private PidFile pidFile() {
        return new PidFile(root().resolve("elasticsearch.pid"));
    }

    private Path serverLog() {
        return root().resolve("logs").resolve(CLUSTER_NAME + ".log");
    }

    private static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set: run through Maven (failsafe and"
                    + " exec:java set it from the pom) or pass -D" + name + "=...");
        }
        return value;
    }

    /** Sends JSON requests to one base URL and returns status and body, whatever the status. */
    private static final class JsonHttpClient {
        private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

        private final String baseUrl;
        private final HttpClient client;

        JsonHttpClient(String baseUrl) {
            this.baseUrl = baseUrl;
            this.client = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(CONNECT_TIMEOUT)
                    .build();
        }

        /** @param path starting with '/'; @param jsonBody null for none */
        HttpResult send(String method, String path, String jsonBody, Duration timeout) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .method(method, jsonBody == null
                            ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(jsonBody))
                    .build();
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                return new HttpResult(response.statusCode(), response.body());
            } catch (IOException e) {
                throw new UncheckedIOException(method + " " + baseUrl + path + " failed: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted during " + method + " " + baseUrl + path, e);
            }
        }
    }

    /** A file a server writes its process id into. */
    private record PidFile(Path path) {

        /** The live process named by the file, if the file exists and holds a number. */
        Optional<ProcessHandle> process() {
            try {
                return Files.isRegularFile(path)
                        ? ProcessHandle.of(Long.parseLong(Files.readString(path).strip())).filter(ProcessHandle::isAlive)
                        : Optional.empty();
            } catch (IOException | NumberFormatException e) {
                return Optional.empty(); // being written, or unreadable: no process to signal
            }
        }

        /** Removes the file once its process is gone, so the number is never used after being reused. */
        void delete() {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + path, e);
            }
        }
    }
}
