package io.binlogsync.source.jdbc;

import io.binlogsync.event.GtidPosition;
import io.binlogsync.event.BinlogPosition;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's current binlog position and executed GTID set: {@code SHOW MASTER STATUS}, which MySQL 8.2 renamed
 * {@code SHOW BINARY LOG STATUS} and 8.4 removed; MariaDB keeps the old name (with {@code SHOW BINLOG STATUS} as
 * an alias since 10.5.2).
 */
final class BinlogStatus {
    private static final Pattern VERSION = Pattern.compile("^(\\d+)\\.(\\d+)");

    private BinlogStatus() {
    }

    /** The statement the server of this version ({@code DatabaseMetaData.getDatabaseProductVersion()}) knows. */
    static String statement(String serverVersion) {
        if (serverVersion.contains("MariaDB")) {
            return "SHOW MASTER STATUS";
        }
        Matcher version = VERSION.matcher(serverVersion.trim());
        if (!version.find()) {
            return "SHOW MASTER STATUS";
        }
        int major = Integer.parseInt(version.group(1));
        int minor = Integer.parseInt(version.group(2));
        return major > 8 || (major == 8 && minor >= 2) ? "SHOW BINARY LOG STATUS" : "SHOW MASTER STATUS";
    }

    /**
     * Reads the position, with MySQL's executed GTID set (its fifth column) when not empty.
     *
     * @throws SQLException naming {@code log_bin} when the binary log is off (the statement returns no row)
     */
    static GtidPosition read(Statement statement, String serverVersion) throws SQLException {
        String sql = statement(serverVersion);
        try (ResultSet rows = statement.executeQuery(sql)) {
            if (!rows.next()) {
                throw new SQLException(sql + " returned nothing: the binary log is off; start the server with log_bin");
            }
            BinlogPosition position = new BinlogPosition(rows.getString(1), rows.getLong(2));
            Optional<String> gtid = rows.getMetaData().getColumnCount() >= 5
                    ? gtidSet(rows.getString(5)) : Optional.empty();
            return new GtidPosition(position, gtid);
        }
    }

    /** A GTID set as the server prints it (with line breaks in long sets), or empty when it has none. */
    static Optional<String> gtidSet(String text) {
        return text == null || text.isBlank() ? Optional.empty() : Optional.of(text.replaceAll("\\s+", ""));
    }
}
