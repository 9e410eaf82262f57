package io.binlogsync.testing.servers;

import io.binlogsync.testing.CurrentUser;
import io.binlogsync.testing.Directories;
import io.binlogsync.testing.FreePort;
import io.binlogsync.testing.HttpResult;
import io.binlogsync.testing.LogTail;
import io.binlogsync.testing.Poll;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A private single-node Elasticsearch or OpenSearch on free ports of 127.0.0.1, from a test
 * distribution zip ({@link SearchDistribution}), security off unless configured. Runs as the system user
 * {@code binlogsync-es} when the tests run as root (both refuse root), on the tests' own Java unless the
 * release needs a newer one (Elasticsearch 9, OpenSearch 3: then a JDK 21+ found by {@link InstalledJdk}).
 * Data survives {@link #restart()}; {@link #close()} deletes it, but the unpacked distribution stays.
 * Stopping and killing reach both the launcher (our child) and the server JVM it starts.
 *
 * <p>Before the first {@link #start()} the node can be shaped:
 * <ul>
 * <li>{@link #small()}: 512 MB of heap and {@code node.processors: 1}, for a server beside the suite's own;
 * <li>{@link #withSetting}: any line of the settings file (it replaces the launcher's own value of that key,
 *     e.g. {@code xpack.security.enabled});
 * <li>{@link #withConfigFile}: a file under the node's config directory (certificates, roles.yml), named in
 *     settings by its path relative to that directory;
 * <li>{@link #withSetupTool}: a program of the distribution's bin/ run once the config directory exists and
 *     before the first start, with the node's environment (e.g. {@code elasticsearch-users useradd ...});
 * <li>{@link #withTls(String)} and {@link #withBasicAuth}: how the launcher's own requests (readiness,
 *     {@link #request}) reach a secured node. A secured Elasticsearch 8 thus starts with
 *     {@code withSetting("xpack.security.enabled", "true")}, the {@code xpack.security.http.ssl.*} settings
 *     naming files given with {@code withConfigFile}, a user made by {@code withSetupTool}, then
 *     {@code withTls(caPem)} (after which {@link #url()} is https; the certificate must name 127.0.0.1) and
 *     {@code withBasicAuth(user, password)}.
 * </ul>
 */
public final class LocalSearchServer extends LocalServer<LocalSearchServer> {

    private static final String CLUSTER_NAME = "binlogsync-test";
    private static final String SERVICE_USER = "binlogsync-es";
    private static final String DEFAULT_HEAP = "1g";
    private static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration TOOL_TIMEOUT = Duration.ofMinutes(2);
    private static final int LOG_LINES_IN_ERRORS = 50;

    private final SearchDistribution distribution;
    private final Map<String, String> settings = new LinkedHashMap<>();
    private final Map<String, String> configFiles = new LinkedHashMap<>();
    private final List<List<String>> setupTools = new ArrayList<>();
    private String heap = DEFAULT_HEAP;
    private Duration startTimeout = DEFAULT_START_TIMEOUT;
    private String caPem;
    private Optional<String> authorization = Optional.empty();
    private boolean configured;
    private int transportPort;
    private Optional<ServiceUser> serviceUser = Optional.empty();
    private InstalledJdk jdk;
    private SearchHttpClient http;

    /** The suite's Elasticsearch, named by the system properties the pom sets for failsafe and exec:java. */
    public LocalSearchServer() {
        this(SearchDistribution.suiteDefault());
    }

    public LocalSearchServer(SearchDistribution distribution) {
        super(distribution.flavour().product(), "binlogsync-" + distribution.id() + "-", STOP_TIMEOUT);
        this.distribution = distribution;
    }

    public SearchDistribution distribution() {
        return distribution;
    }

    /** A fixed heap of 512 MB and one processor: a second server that leaves the machine to the rest. */
    public LocalSearchServer small() {
        return withHeap("512m").withSetting("node.processors", "1");
    }

    /** Fixed heap size in the JVM's notation ("512m", "1g"); 1g unless set. */
    public synchronized LocalSearchServer withHeap(String size) {
        requireNotConfigured();
        this.heap = size;
        return this;
    }

    /** How long the node may take to report yellow health (two minutes unless set). */
    public synchronized LocalSearchServer withStartTimeout(Duration timeout) {
        this.startTimeout = timeout;
        return this;
    }

    /** One line {@code key: yamlScalar} of the settings file, replacing the launcher's value of that key in its place. */
    public synchronized LocalSearchServer withSetting(String key, String yamlScalar) {
        requireNotConfigured();
        settings.put(key, yamlScalar);
        return this;
    }

    /** A file written under the node's config directory, e.g. {@code certs/http.crt}. */
    public synchronized LocalSearchServer withConfigFile(String relativePath, String content) {
        requireNotConfigured();
        if (Path.of(relativePath).isAbsolute() || Path.of(relativePath).normalize().startsWith("..")) {
            throw new IllegalArgumentException(relativePath + " is not a path inside the config directory");
        }
        configFiles.put(relativePath, content);
        return this;
    }

    /**
     * A program of the distribution's bin/ run before the first start, as the server's user, with the
     * node's config directory and Java (e.g. {@code "elasticsearch-users", "useradd", ...}). Its output
     * goes to a log in the server's directory; a failure names the program, not its arguments.
     */
    public synchronized LocalSearchServer withSetupTool(String program, String... arguments) {
        requireNotConfigured();
        List<String> command = new ArrayList<>();
        command.add(program);
        command.addAll(List.of(arguments));
        setupTools.add(command);
        return this;
    }

    /** The launcher's requests go over HTTPS trusting only these CA certificates (PEM). */
    public synchronized LocalSearchServer withTls(String caCertificatesPem) {
        requireNotConfigured();
        this.caPem = caCertificatesPem;
        return this;
    }

    /** The launcher's requests authenticate as this user. */
    public synchronized LocalSearchServer withBasicAuth(String user, String password) {
        requireNotConfigured();
        this.authorization = Optional.of(SearchHttpClient.basicAuthorization(user, password));
        return this;
    }

    /** {@code http://127.0.0.1:PORT}, or https once {@link #withTls} is given. */
    public String url() {
        return (caPem == null ? "http" : "https") + "://" + HOST + ":" + port();
    }

    /** The node's config directory (where {@link #withConfigFile} writes); null before the first start. */
    public Path configDir() {
        return root() == null ? null : root().resolve("config");
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

    private synchronized SearchHttpClient client() {
        if (http == null) {
            throw new IllegalStateException(distribution + " has not been started");
        }
        return http;
    }

    /** Launches the node, configuring its directory the first time. */
    @Override
    protected ServerProcess launch() {
        Path home = DistributionUnpacker.unpack(distribution, Path.of(System.getProperty("user.dir"), "target"));
        if (!configured) {
            configure(home);
        }
        pidFile().delete();
        return ServerProcess.start(distribution.id(), command(home, distribution.id()),
                environment(), root(), root().resolve(distribution.id() + ".out"));
    }

    /** Waits (up to two minutes, or the start timeout set) until the cluster is at least yellow. */
    @Override
    protected void awaitReady() {
        try {
            Poll.until(startTimeout, distribution + " on " + url() + " to report yellow health", () -> {
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
        return url() + " (" + distribution + " on Java " + jdk.feature() + ", transport "
                + transportPort + ")";
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

    private synchronized void configure(Path home) {
        Path root = root();
        transportPort = FreePort.find();
        jdk = InstalledJdk.atLeast(distribution.minimumJava());
        http = new SearchHttpClient(url(), caPem, authorization);
        SearchNodeSettings.singleNode(distribution, CLUSTER_NAME, "node-" + port(),
                        Directories.create(root.resolve("data")), Directories.create(root.resolve("logs")), HOST, port(),
                        transportPort)
                .putAll(settings)
                .writeConfigDir(home.resolve("config"), configDir());
        writeConfigFiles();
        Directories.create(root.resolve("tmp"));
        if (CurrentUser.isRoot()) {
            ServiceUser user = ServiceUser.ensure(SERVICE_USER, root);
            user.takeOwnership(root, root);
            user.requireCanRead(home.resolve("bin/" + distribution.id()), root);
            user.requireCanRead(home.resolve("lib"), root);
            user.requireCanRead(jdk.home().resolve("bin/java"), root);
            serviceUser = Optional.of(user);
        }
        setupTools.forEach(tool -> runSetupTool(home, tool));
        configured = true;
    }

    private void writeConfigFiles() {
        configFiles.forEach((relativePath, content) -> {
            Path file = configDir().resolve(relativePath);
            try {
                Files.createDirectories(file.getParent());
                Files.writeString(file, content);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
        });
    }

    private void runSetupTool(Path home, List<String> tool) {
        List<String> command = command(home, tool.get(0));
        command.addAll(tool.subList(1, tool.size()));
        Path log = root().resolve(tool.get(0) + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(root().toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment());
        try {
            Process process = builder.start();
            if (!process.waitFor(TOOL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(tool.get(0) + " did not finish within " + Poll.format(TOOL_TIMEOUT)
                        + " (log: " + log + ")");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(tool.get(0) + " exited with " + process.exitValue() + "\n"
                        + LogTail.lastLines(log, LOG_LINES_IN_ERRORS));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + home.resolve("bin/" + tool.get(0)), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + tool.get(0), e);
        }
    }

    /** bin/{@code program} of the distribution, as the service user when there is one. */
    private List<String> command(Path home, String program) {
        List<String> command = new ArrayList<>();
        serviceUser.ifPresent(user -> command.addAll(user.commandPrefix()));
        command.add(home.resolve("bin/" + program).toString());
        if (program.equals(distribution.id())) {
            command.addAll(List.of("-p", pidFile().path().toString()));
        }
        return command;
    }

    private Map<String, String> environment() {
        return Map.of(
                distribution.environmentVariable("JAVA_HOME"), jdk.home().toString(),
                distribution.environmentVariable("JAVA_OPTS"), "-Xms" + heap + " -Xmx" + heap,
                distribution.environmentVariable("PATH_CONF"), configDir().toString(),
                distribution.environmentVariable("TMPDIR"), root().resolve("tmp").toString());
    }

    private void requireNotConfigured() {
        if (configured) {
            throw new IllegalStateException(distribution + " is already configured: shape it before the first start");
        }
    }

    /** Written by the server JVM, which the launcher (our direct child) starts. */
    private PidFile pidFile() {
        return new PidFile(root().resolve(distribution.id() + ".pid"));
    }

    private Path serverLog() {
        return root().resolve("logs").resolve(CLUSTER_NAME + ".log");
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
