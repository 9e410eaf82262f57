package io.binlogsync.source.jdbc;

import io.binlogsync.event.GtidPosition;
import io.binlogsync.event.MariadbGtids;
import io.binlogsync.config.DocumentVersions;
import io.binlogsync.config.SourceConfig;
import io.binlogsync.event.BinlogPosition;
import io.binlogsync.source.tls.MariadbTlsPlugin;
import io.binlogsync.source.tls.SourcePublicKeys;
import io.binlogsync.source.tls.SourceTlsSockets;
import io.binlogsync.version.VersionBounds;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/** SQL to the source server over JDBC: positions, binary logs, variables. One short-lived connection per call. */
public final class SourceDatabase {
    private final SourceConfig config;

    private static final int ER_ACCESS_DENIED = 1045;
    private final SourceTlsSockets sockets;

    public SourceDatabase(SourceConfig config) {
        this.config = config;
        this.sockets = SourceTlsSockets.of(config.tls());
    }

    /** The account binlog-sync connects as. */
    public String user() {
        return config.user();
    }

    public String describe() {
        return config.user() + "@" + config.host() + ":" + config.port();
    }

    public Connection open() throws SQLException {
        try {
            return DriverManager.getConnection("jdbc:mariadb://" + config.host() + ":" + config.port() + "/",
                    properties());
        } catch (SQLException e) {
            Optional<String> tls = sockets.explain("JDBC", config.host() + ":" + config.port(), e);
            if (tls.isPresent()) {
                throw new SQLException(tls.get(), e.getSQLState(), e.getErrorCode(), e);
            }
            Optional<String> rsa = SourcePublicKeys.explain(config, e);
            if (rsa.isPresent()) {
                throw new SQLException(rsa.get(), e.getSQLState(), e.getErrorCode(), e);
            }
            if (e.getErrorCode() == ER_ACCESS_DENIED) {
                throw new SQLException("JDBC to " + config.host() + ":" + config.port() + " (source.tls.mode = "
                        + config.tls().mode().configName() + "): " + e.getMessage() + "; check source.user and"
                        + " source.password" + sockets.accessDeniedHint(), e.getSQLState(), e.getErrorCode(), e);
            }
            throw e;
        }
    }

    private Properties properties() {
        Properties properties = new Properties();
        properties.setProperty("user", config.user());
        properties.setProperty("password", config.password());
        properties.setProperty("connectTimeout", String.valueOf(config.connectTimeout().toMillis()));
        // no query of ours takes long; a server that stops answering must not hang the reader or a shutdown
        properties.setProperty("socketTimeout", String.valueOf(Math.max(30_000, config.connectTimeout().toMillis())));
        if (config.tls().mode().encrypted()) {
            // the driver only asks for TLS; the plugin's sockets do the verifying, as on the binlog stream
            properties.setProperty("sslMode", "trust");
            properties.setProperty("tlsSocketType", MariadbTlsPlugin.TYPE);
            properties.setProperty(MariadbTlsPlugin.ID_OPTION, sockets.id());
        } else {
            properties.setProperty("sslMode", "disable");
            config.publicKey().file().ifPresent(file -> properties.setProperty("serverRsaPublicKeyFile",
                    file.toString()));
            properties.setProperty("allowPublicKeyRetrieval", String.valueOf(config.publicKey().allowRetrieval()));
        }
        return properties;
    }

    /** The server's current end of binlog, where {@code start = current} begins. */
    public BinlogPosition currentPosition() throws SQLException {
        return currentGtidPosition().position();
    }

    /**
     * The current end of binlog with the GTID state there: MySQL's executed GTID set, read together with the
     * position; on MariaDB the GTID position of that very binlog position ({@code BINLOG_GTID_POS}).
     */
    public GtidPosition currentGtidPosition() throws SQLException {
        try (Connection connection = open(); Statement statement = connection.createStatement()) {
            GtidPosition current = BinlogStatus.read(statement, connection.getMetaData().getDatabaseProductVersion());
            BinlogPosition position = current.position();
            Optional<String> gtid = current.gtid();
            if (isMariaDb(connection)) {
                gtid = mariadbGtidAt(connection, position);
            }
            return new GtidPosition(position, gtid);
        }
    }

    /**
     * The GTID state right before {@code position}, where the server can tell: MariaDB's {@code BINLOG_GTID_POS};
     * empty on MySQL, which has no such function, and when the server has no GTIDs yet.
     */
    public Optional<String> gtidAt(BinlogPosition position) throws SQLException {
        try (Connection connection = open()) {
            return isMariaDb(connection) ? mariadbGtidAt(connection, position) : Optional.empty();
        }
    }

    static Optional<String> mariadbGtidAt(Connection connection, BinlogPosition position) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT BINLOG_GTID_POS(?, ?)")) {
            statement.setString(1, position.file());
            statement.setLong(2, position.offset());
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? nonEmpty(rows.getString(1)) : Optional.empty();
            }
        }
    }

    private static Optional<String> nonEmpty(String text) {
        return BinlogStatus.gtidSet(text);
    }

    private static boolean isMariaDb(Connection connection) throws SQLException {
        return connection.getMetaData().getDatabaseProductVersion().contains("MariaDB");
    }

    public boolean isMariaDb() throws SQLException {
        try (Connection connection = open()) {
            return isMariaDb(connection);
        }
    }

    /** {@code @@server_id}: which server the binlog positions belong to. */
    public long serverId() throws SQLException {
        try (Connection connection = open(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT @@server_id")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Whether a dump can start from a GTID state: always on MariaDB, with {@code gtid_mode=ON} on MySQL. */
    public boolean servesByGtid() throws SQLException {
        if (isMariaDb()) {
            return true;
        }
        return "ON".equalsIgnoreCase(globalVariables(List.of("gtid_mode")).getOrDefault("gtid_mode", "OFF"));
    }

    /** The highest sequence number in MariaDB's {@code @@gtid_binlog_pos} (0 when there is none). */
    public long highestGtidSequence() throws SQLException {
        try (Connection connection = open(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT @@gtid_binlog_pos")) {
            rows.next();
            return MariadbGtids.parse(rows.getString(1)).values().stream().mapToLong(MariadbGtids.Gtid::sequence)
                    .max().orElse(0);
        }
    }

    /** The highest document version a change the server has written so far can have (see VersionBounds). */
    public long versionCeiling(DocumentVersions versions) throws SQLException {
        return versions == DocumentVersions.GTID ? VersionBounds.ceilingOfSequence(highestGtidSequence())
                : VersionBounds.ceilingOfFile(currentPosition());
    }

    /** The binlog files the server still has, oldest first. */
    public List<String> binaryLogs() throws SQLException {
        try (Connection connection = open(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SHOW BINARY LOGS")) {
            List<String> files = new ArrayList<>();
            while (rows.next()) {
                files.add(rows.getString(1));
            }
            return files;
        }
    }

    /** Global variables by name (lower case), for the ones asked for that exist. */
    public Map<String, String> globalVariables(List<String> names) throws SQLException {
        Map<String, String> values = new LinkedHashMap<>();
        try (Connection connection = open(); Statement statement = connection.createStatement()) {
            for (String name : names) {
                try (ResultSet rows = statement.executeQuery("SHOW GLOBAL VARIABLES LIKE '" + name.replace("'", "") + "'")) {
                    if (rows.next()) {
                        values.put(name, rows.getString(2));
                    }
                }
            }
        }
        return values;
    }

    /** The server's estimate of a table's row count (information_schema), 0 when it has none. */
    public long estimatedRows(io.binlogsync.event.TableId table) throws SQLException {
        try (Connection connection = open()) {
            return estimatedRows(connection, table);
        }
    }

    /** {@link #estimatedRows(io.binlogsync.event.TableId)} on a connection the caller holds. */
    public static long estimatedRows(Connection connection, io.binlogsync.event.TableId table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
            statement.setString(1, table.database());
            statement.setString(2, table.table());
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0;
            }
        }
    }

    /** The lines of {@code SHOW GRANTS} for the account binlog-sync connects as. */
    public List<String> grants() throws SQLException {
        try (Connection connection = open(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SHOW GRANTS")) {
            List<String> lines = new ArrayList<>();
            while (rows.next()) {
                lines.add(rows.getString(1));
            }
            return lines;
        }
    }

    /** {@code CURRENT_USER()}: the account the server matched, {@code user@host}, as grants name it. */
    public String currentAccount() throws SQLException {
        try (Connection connection = open(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT CURRENT_USER()")) {
            rows.next();
            return rows.getString(1);
        }
    }

    /** The TLS version and cipher of a JDBC session, e.g. "TLSv1.3, TLS_AES_256_GCM_SHA384"; empty in clear. */
    public Optional<String> sessionTls() throws SQLException {
        try (Connection connection = open(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SHOW SESSION STATUS WHERE Variable_name IN"
                     + " ('Ssl_version', 'Ssl_cipher')")) {
            Map<String, String> values = new java.util.TreeMap<>(java.util.Comparator.reverseOrder());
            while (rows.next()) {
                if (rows.getString(2) != null && !rows.getString(2).isBlank()) {
                    values.put(rows.getString(1), rows.getString(2));
                }
            }
            return values.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", values.values()));
        }
    }

    /** The settings the links to the source use. */
    public SourceConfig config() {
        return config;
    }

    /** The names of the server's {@code binlog_snapshot_%} status variables: none on MySQL. */
    public java.util.Set<String> snapshotStatusNames() throws SQLException {
        java.util.Set<String> names = new java.util.HashSet<>();
        try (Connection connection = open(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SHOW SESSION STATUS LIKE 'binlog_snapshot_%'")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    public String serverVersion() throws SQLException {
        try (Connection connection = open()) {
            return connection.getMetaData().getDatabaseProductVersion();
        }
    }
}
