package io.binlogsync.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A private MariaDB server with the binlog on (ROW, full images, full metadata), in a temporary
 * directory, on a free port of 127.0.0.1. Data survives {@link #stop()}/{@link #restart()}; only
 * {@link #close()} deletes it.
 *
 * <pre>{@code
 * try (MariaDbServer db = new MariaDbServer("--max-binlog-size=4096").start()) { ... }
 * }</pre>
 */
public final class MariaDbServer implements AutoCloseable {

    public static final String ADMIN_USER = "admin";
    public static final String ADMIN_PASSWORD = "admin-pass";
    public static final String SYNC_USER = "sync";
    public static final String SYNC_PASSWORD = "sync-pass";

    private static final String HOST = "127.0.0.1";
    private static final Duration INSTALL_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final List<String> extraServerArgs;
    private volatile Path root;
    private volatile int port;
    private ServerProcess process;
    private boolean installed;
    private boolean accountsCreated;
    private boolean closed;
    private volatile boolean closeRequested;

    /** @param extraServerArgs mariadbd options added after the defaults, so they win, e.g. "--gtid-strict-mode=ON" */
    public MariaDbServer(String... extraServerArgs) {
        this(List.of(extraServerArgs));
    }

    public MariaDbServer(List<String> extraServerArgs) {
        this.extraServerArgs = List.copyOf(extraServerArgs);
    }

    private int requestedPort;

    /** Listens on {@code fixedPort} instead of a free one (the demo's fixed ports); before the first start. */
    public MariaDbServer onPort(int fixedPort) {
        this.requestedPort = fixedPort;
        return this;
    }

    /** Starts the server (initialising the data directory the first time) and waits until it accepts connections. */
    public synchronized MariaDbServer start() {
        if (closed) {
            throw new IllegalStateException("MariaDB server is closed");
        }
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("MariaDB server already running on port " + port);
        }
        long started = System.nanoTime();
        Path mariadbd = Binaries.require("mariadbd", "mariadb-server");
        if (root == null) {
            root = Directories.createTemp("binlogsync-mariadb-");
            port = requestedPort > 0 ? requestedPort : FreePort.find();
        }
        if (!installed) {
            install();
        }
        process = ServerProcess.start("mariadbd", serverCommand(mariadbd), Map.of(), root, root.resolve("mariadbd.log"));
        try {
            awaitConnections();
            if (!accountsCreated) {
                createAccounts();
            }
        } catch (RuntimeException e) {
            process.stop(STOP_TIMEOUT);
            throw e;
        }
        HarnessLog.info("MariaDB up on " + HOST + ":" + port + " in " + HarnessLog.secondsSince(started)
                + " (" + root + ")");
        return this;
    }

    /** Clean shutdown (SIGTERM), SIGKILL if it takes longer than a minute. Harmless when not running. */
    public synchronized void stop() {
        if (process != null && process.isAlive()) {
            process.stop(STOP_TIMEOUT);
        }
    }

    /** Stops and starts again on the same port with the same data. */
    public synchronized MariaDbServer restart() {
        stop();
        return start();
    }

    /** SIGKILL, as a crash would; {@link #start()} afterwards runs crash recovery. */
    public synchronized void kill() {
        if (process != null && process.isAlive()) {
            process.kill();
        }
    }

    /** Stops the server and deletes its directory; harmless twice. */
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
        return port;
    }

    public Path dataDir() {
        return startedRoot().resolve("data");
    }

    public Path binlogDir() {
        return startedRoot().resolve("binlog");
    }

    /** {@code jdbc:mariadb://127.0.0.1:PORT/database}; a null or empty database means none. */
    public String jdbcUrl(String database) {
        return "jdbc:mariadb://" + HOST + ":" + port() + "/" + (database == null ? "" : database);
    }

    public Connection adminConnection() throws SQLException {
        return connect(ADMIN_USER, ADMIN_PASSWORD);
    }

    public Connection connect(String user, String password) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(""), user, password);
    }

    /** Runs each statement as admin. */
    public void execute(String... sql) throws SQLException {
        try (Connection connection = adminConnection()) {
            Jdbc.execute(connection, sql);
        }
    }

    /** Runs a query as admin; each row maps column label to value, in column order. */
    public List<Map<String, Object>> query(String sql) throws SQLException {
        try (Connection connection = adminConnection()) {
            return Jdbc.query(connection, sql);
        }
    }

    private void requireStillWanted() {
        if (closeRequested) {
            throw new Poll.GiveUp("closed while starting");
        }
        process.requireAlive();
    }

    private Path startedRoot() {
        Path dir = root;
        if (dir == null) {
            throw new IllegalStateException("MariaDB server has not been started");
        }
        return dir;
    }

    private void install() {
        Path installDb = Binaries.require("mariadb-install-db", "mariadb-server");
        Directories.create(root.resolve("binlog"));
        Directories.create(root.resolve("tmp"));
        List<String> command = new ArrayList<>(List.of(installDb.toString(), "--no-defaults",
                "--auth-root-authentication-method=normal", "--skip-test-db", "--datadir=" + dataDir()));
        if (CurrentUser.isRoot()) {
            command.add("--user=root");
        }
        new ExternalCommand(command, root.resolve("install-db.log"), INSTALL_TIMEOUT).runSuccessfully();
        installed = true;
    }

    private List<String> serverCommand(Path mariadbd) {
        List<String> command = new ArrayList<>(List.of(
                mariadbd.toString(),
                "--no-defaults",
                "--datadir=" + dataDir(),
                "--tmpdir=" + root.resolve("tmp"),
                "--port=" + port,
                "--bind-address=" + HOST,
                "--skip-name-resolve",
                "--socket=" + root.resolve("mysqld.sock"),
                "--pid-file=" + root.resolve("mysqld.pid"),
                "--log-error=" + root.resolve("error.log"),
                "--log-bin=" + binlogDir().resolve("mysql-bin"),
                "--server-id=1",
                "--binlog-format=ROW",
                "--binlog-row-image=FULL",
                "--binlog-row-metadata=FULL",
                "--innodb-buffer-pool-size=128M",
                // What Debian's packaged configuration sets; --no-defaults would leave latin1.
                "--character-set-server=utf8mb4",
                "--collation-server=utf8mb4_general_ci"));
        if (CurrentUser.isRoot()) {
            command.add("--user=root");
        }
        command.addAll(extraServerArgs);
        return command;
    }

    private void awaitConnections() {
        String url = jdbcUrl("") + "?connectTimeout=2000";
        try {
            Poll.until(START_TIMEOUT, "MariaDB on port " + port + " to accept connections", () -> {
                requireStillWanted();
                try (Connection connection = DriverManager.getConnection(url, "root", "")) {
                    return connection.isValid(2);
                } catch (SQLException e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            });
        } catch (AssertionError | Poll.GiveUp e) {
            throw new IllegalStateException(e.getMessage() + "\n" + LogTail.lastLines(root.resolve("error.log"), 50), e);
        }
    }

    private void createAccounts() {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(""), "root", "")) {
            MariaDbAccounts.create(connection);
            accountsCreated = true;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the admin and sync accounts on MariaDB port " + port, e);
        }
    }
}
