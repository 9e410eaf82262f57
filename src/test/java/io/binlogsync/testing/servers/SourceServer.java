package io.binlogsync.testing.servers;

import io.binlogsync.testing.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * A MySQL-protocol source a test can write to and the daemon can follow: the private MariaDB here, or a MySQL in
 * a container where a Docker engine exists. Both have an admin account and a replication account.
 */
public interface SourceServer {

    String host();

    int port();

    /** The account the daemon replicates as (REPLICATION SLAVE, REPLICATION CLIENT, SELECT). */
    String syncUser();

    String syncPassword();

    Connection adminConnection() throws SQLException;

    /** Runs statements as admin, in order, on one connection (so session settings carry over). */
    default void execute(String... sql) throws SQLException {
        try (Connection connection = adminConnection()) {
            Jdbc.execute(connection, sql);
        }
    }

    /** Runs a query as admin; each row maps column label to value, in column order. */
    default List<Map<String, Object>> query(String sql) throws SQLException {
        try (Connection connection = adminConnection()) {
            return Jdbc.query(connection, sql);
        }
    }
}
