package io.binlogsync.testing.servers;

import io.binlogsync.testing.CurrentUser;
import io.binlogsync.testing.Directories;
import io.binlogsync.testing.ExternalCommand;
import io.binlogsync.testing.Jdbc;
import io.binlogsync.testing.LogTail;
import io.binlogsync.testing.Poll;
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
 * directory, on a free port of 127.0.0.1. Data survives {@link #stop()}/{@link #restart()}, and
 * {@link #kill()}: the next {@link #start()} runs crash recovery. Only {@link #close()} deletes it.
 *
 * <pre>{@code
 * try (MariaDbServer db = new MariaDbServer("--max-binlog-size=4096").start()) { ... }
 * }</pre>
 */
public final class MariaDbServer extends LocalServer<MariaDbServer> implements SourceServer {

    public static final String ADMIN_USER = "admin";
    public static final String ADMIN_PASSWORD = "admin-pass";
    public static final String SYNC_USER = "sync";
    public static final String SYNC_PASSWORD = "sync-pass";

    // Least privilege, as README lists it: REPLICATION SLAVE allows the binlog dump; in MariaDB 10.5+ REPLICATION
    // CLIENT is a synonym of BINLOG MONITOR, which SHOW MASTER STATUS and SHOW BINARY LOGS need. SELECT is granted
    // per test on the tables it maps (SyncFixture), RELOAD only where a test takes the global read lock.
    private static final String SYNC_PRIVILEGES = "REPLICATION SLAVE, REPLICATION CLIENT";

    private static final Duration INSTALL_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final List<String> extraServerArgs;
    /** Whether the server accepts TLS connections only, so that the harness's own connections use TLS too. */
    private final boolean tlsOnly;
    private boolean installed;
    private boolean accountsCreated;

    /** @param extraServerArgs mariadbd options added after the defaults, so they win, e.g. "--gtid-strict-mode=ON" */
    public MariaDbServer(String... extraServerArgs) {
        this(List.of(extraServerArgs));
    }

    public MariaDbServer(List<String> extraServerArgs) {
        this(extraServerArgs, false);
    }

    private MariaDbServer(List<String> extraServerArgs, boolean tlsOnly) {
        super("MariaDB", "binlogsync-mariadb-", STOP_TIMEOUT);
        this.extraServerArgs = List.copyOf(extraServerArgs);
        this.tlsOnly = tlsOnly;
    }

    /**
     * A server with a certificate (PEM files: the CA, the server's certificate and its key) that refuses
     * connections without TLS ({@code require_secure_transport=ON}); {@code extraServerArgs} come after, e.g.
     * {@code --ssl-cipher}.
     */
    public static MariaDbServer tlsOnly(Path ca, Path certificate, Path key, String... extraServerArgs) {
        List<String> args = new ArrayList<>(List.of("--ssl-ca=" + ca, "--ssl-cert=" + certificate, "--ssl-key=" + key,
                "--require-secure-transport=ON"));
        args.addAll(List.of(extraServerArgs));
        return new MariaDbServer(args, true);
    }

    public Path dataDir() {
        return startedRoot().resolve("data");
    }

    public Path binlogDir() {
        return startedRoot().resolve("binlog");
    }

    /** {@code jdbc:mariadb://127.0.0.1:PORT/database}; a null or empty database means none. */
    public String jdbcUrl(String database) {
        return "jdbc:mariadb://" + HOST + ":" + port() + "/" + (database == null ? "" : database)
                + (tlsOnly ? "?sslMode=trust" : "");
    }

    /** {@link #jdbcUrl} with one more option, e.g. {@code connectTimeout=2000}. */
    private String jdbcUrl(String database, String option) {
        String url = jdbcUrl(database);
        return url + (url.contains("?") ? "&" : "?") + option;
    }

    @Override
    public String syncUser() {
        return SYNC_USER;
    }

    @Override
    public String syncPassword() {
        return SYNC_PASSWORD;
    }

    @Override
    public Connection adminConnection() throws SQLException {
        return connect(ADMIN_USER, ADMIN_PASSWORD);
    }

    public Connection connect(String user, String password) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(""), user, password);
    }



    /** Initialises the data directory the first time. */
    @Override
    protected ServerProcess launch() {
        Path mariadbd = Binaries.require("mariadbd", "mariadb-server");
        if (!installed) {
            install();
        }
        return ServerProcess.start("mariadbd", serverCommand(mariadbd), Map.of(), root(), root().resolve("mariadbd.log"));
    }

    /** Waits until it accepts connections, then creates the accounts the first time. */
    @Override
    protected void awaitReady() {
        awaitConnections();
        if (!accountsCreated) {
            createAccounts();
        }
    }

    private Path startedRoot() {
        Path dir = root();
        if (dir == null) {
            throw new IllegalStateException("MariaDB server has not been started");
        }
        return dir;
    }

    private void install() {
        Path installDb = Binaries.require("mariadb-install-db", "mariadb-server");
        Directories.create(root().resolve("binlog"));
        Directories.create(root().resolve("tmp"));
        List<String> command = new ArrayList<>(List.of(installDb.toString(), "--no-defaults",
                "--auth-root-authentication-method=normal", "--skip-test-db", "--datadir=" + dataDir()));
        if (CurrentUser.isRoot()) {
            command.add("--user=root");
        }
        new ExternalCommand(command, root().resolve("install-db.log"), INSTALL_TIMEOUT).runSuccessfully();
        installed = true;
    }

    private List<String> serverCommand(Path mariadbd) {
        Path root = root();
        List<String> command = new ArrayList<>(List.of(
                mariadbd.toString(),
                "--no-defaults",
                "--datadir=" + dataDir(),
                "--tmpdir=" + root.resolve("tmp"),
                "--port=" + port(),
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
        String url = jdbcUrl("", "connectTimeout=2000");
        try {
            Poll.until(START_TIMEOUT, "MariaDB on port " + port() + " to accept connections", () -> {
                requireStillWanted();
                try (Connection connection = DriverManager.getConnection(url, "root", "")) {
                    return connection.isValid(2);
                } catch (SQLException e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            });
        } catch (AssertionError | Poll.GiveUp e) {
            throw new IllegalStateException(e.getMessage() + "\n" + LogTail.lastLines(root().resolve("error.log"), 50), e);
        }
    }

    /**
     * The two accounts every test uses, an administrator and the least-privileged binlog reader, for TCP ('%', the
     * server skips name resolution) and the socket ('localhost').
     */
    private void createAccounts() {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(""), "root", "")) {
            for (String host : new String[] {"%", "localhost"}) {
                String admin = "'" + ADMIN_USER + "'@'" + host + "'";
                String sync = "'" + SYNC_USER + "'@'" + host + "'";
                Jdbc.execute(connection,
                        "CREATE USER IF NOT EXISTS " + admin + " IDENTIFIED BY '" + ADMIN_PASSWORD + "'",
                        "GRANT ALL PRIVILEGES ON *.* TO " + admin + " WITH GRANT OPTION",
                        "CREATE USER IF NOT EXISTS " + sync + " IDENTIFIED BY '" + SYNC_PASSWORD + "'",
                        "GRANT " + SYNC_PRIVILEGES + " ON *.* TO " + sync);
            }
            accountsCreated = true;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the admin and sync accounts on MariaDB port " + port(), e);
        }
    }
}
