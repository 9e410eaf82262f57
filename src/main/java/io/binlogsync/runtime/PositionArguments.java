package io.binlogsync.runtime;

import io.binlogsync.event.BinlogPosition;
import io.binlogsync.event.MariadbGtids;

import java.util.regex.Pattern;

/** What an operator types for a position: {@code FILE:OFFSET}, a MariaDB GTID position or a MySQL GTID set. */
final class PositionArguments {
    private static final Pattern FILE_OFFSET = Pattern.compile("([^:\\s]+\\.\\d+):(\\d{1,18})");
    private static final String UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    /** uuid, then intervals (n or n-m) and, on MySQL 8.3+, tags: {@code uuid:1-5:7,uuid:tag:1-3}. */
    private static final Pattern MYSQL_SET = Pattern.compile(
            UUID + "(:([a-zA-Z_][a-zA-Z0-9_]{0,31}|\\d+(-\\d+)?))*:\\d+(-\\d+)?"
                    + "(," + UUID + "(:([a-zA-Z_][a-zA-Z0-9_]{0,31}|\\d+(-\\d+)?))*:\\d+(-\\d+)?)*");

    /** The two kinds of GTID state, each kept by one kind of server. */
    enum GtidKind { MARIADB, MYSQL }

    private PositionArguments() {
    }

    /** {@code mysql-bin.000042:1234}; IllegalArgumentException saying what is expected. */
    static BinlogPosition position(String text) {
        var match = FILE_OFFSET.matcher(text.trim());
        if (!match.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a binlog position; write FILE:OFFSET as SHOW"
                    + " BINARY LOGS names the file, e.g. mysql-bin.000042:1234");
        }
        return new BinlogPosition(match.group(1), Long.parseLong(match.group(2)));
    }

    /** Which kind of GTID state {@code text} is (without spaces); IllegalArgumentException when neither. */
    static GtidKind gtidKind(String text) {
        String compact = text.replaceAll("\\s+", "");
        if (!compact.isEmpty() && MariadbGtids.isPosition(compact)) {
            try {
                MariadbGtids.parse(compact);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' has a number above 2^64 in a domain-server-sequence"
                        + " part; copy it from @@gtid_binlog_pos", e);
            }
            return GtidKind.MARIADB;
        }
        if (MYSQL_SET.matcher(compact).matches()) {
            return GtidKind.MYSQL;
        }
        throw new IllegalArgumentException("'" + text + "' is not a GTID state; write MariaDB's domain-server-sequence"
                + " list (0-1-42,1-1-7, as in @@gtid_binlog_pos) or a MySQL GTID set"
                + " (3e11fa47-71ca-11e1-9e33-c80aa9429562:1-77, as in @@gtid_executed)");
    }
}
