package io.binlogsync.testing.servers;

import io.binlogsync.testing.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;

import static io.binlogsync.testing.servers.MariaDbServer.ADMIN_PASSWORD;
import static io.binlogsync.testing.servers.MariaDbServer.ADMIN_USER;
import static io.binlogsync.testing.servers.MariaDbServer.SYNC_PASSWORD;
import static io.binlogsync.testing.servers.MariaDbServer.SYNC_USER;

/** The two accounts every test uses: an administrator and the least-privileged binlog reader. */
final class MariaDbAccounts {

    // In MariaDB 10.5+ REPLICATION CLIENT is a synonym of BINLOG MONITOR, which is what
    // SHOW MASTER STATUS and SHOW BINARY LOGS need; REPLICATION SLAVE allows the binlog dump.
    private static final String SYNC_PRIVILEGES =
            "SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT";

    private MariaDbAccounts() {
    }

    /** Creates both accounts for TCP ('%', the server skips name resolution) and the socket ('localhost'). */
    static void create(Connection root) throws SQLException {
        for (String host : new String[] {"%", "localhost"}) {
            String admin = "'" + ADMIN_USER + "'@'" + host + "'";
            String sync = "'" + SYNC_USER + "'@'" + host + "'";
            Jdbc.execute(root,
                    "CREATE USER IF NOT EXISTS " + admin + " IDENTIFIED BY '" + ADMIN_PASSWORD + "'",
                    "GRANT ALL PRIVILEGES ON *.* TO " + admin + " WITH GRANT OPTION",
                    "CREATE USER IF NOT EXISTS " + sync + " IDENTIFIED BY '" + SYNC_PASSWORD + "'",
                    "GRANT " + SYNC_PRIVILEGES + " ON *.* TO " + sync);
        }
    }
}
