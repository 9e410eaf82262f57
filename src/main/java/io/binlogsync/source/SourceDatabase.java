package io.binlogsync.source;

import io.binlogsync.config.SourceConfig;
import io.binlogsync.event.BinlogPosition;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** SQL to the source server over JDBC: positions, binary logs, variables. One short-lived connection per call. */
public final class SourceDatabase {
    private final SourceConfig config;

    public SourceDatabase(SourceConfig config) {
        this.config = config;
    }

    public String describe() {
        return config.user() + "@" + config.host() + ":" + config.port();
    }

    public Connection open() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", config.user());
        properties.setProperty("password", config.password());
        properties.setProperty("connectTimeout", String.valueOf(config.connectTimeout().toMillis()));
        // no query of ours takes long; a server that stops answering must not hang the reader or a shutdown
        properties.setProperty("socketTimeout", String.valueOf(Math.max(30_000, config.connectTimeout().toMillis())));
        String url = "jdbc:mariadb://" + config.host() + ":" + config.port() + "/";
        return DriverManager.getConnection(url, properties);
    }

    /** The server's current end of binlog, where {@code start = current} begins. */
    public BinlogPosition currentPosition() throws SQLException {
        try (Connection connection = open(); Statement statement = connection.createStatement()) {
            ResultSet rows = queryEither(statement, "SHOW MASTER STATUS", "SHOW BINARY LOG STATUS");
            if (!rows.next()) {
                throw new SQLException("SHOW MASTER STATUS returned nothing: the binary log is off on "
                        + config.host() + ":" + config.port() + "; start the server with log_bin");
            }
            return new BinlogPosition(rows.getString(1), rows.getLong(2));
        }
    }

    private static ResultSet queryEither(Statement statement, String first, String second) throws SQLException {
        try {
            return statement.executeQuery(first);
        } catch (SQLException e) {
            // MySQL 8.4 renamed SHOW MASTER STATUS
            return statement.executeQuery(second);
        }
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

    public String serverVersion() throws SQLException {
        try (Connection connection = open()) {
            return connection.getMetaData().getDatabaseProductVersion();
        }
    }
}
