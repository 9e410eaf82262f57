package io.binlogsync.testing.servers;

import io.binlogsync.testing.Poll;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

/**
 * Two private MariaDB servers for failover tests: a primary, and a replica (server-id 2) that replicates it by GTID,
 * both in GTID strict mode and logging what they replicate. Both binlogs start empty, so the replica's GTIDs follow
 * the primary's, and the primary's binlog is then flushed four times: its positions are all "after" the replica's,
 * so a test can tell which server a position came from.
 */
public final class MariaDbReplication implements AutoCloseable {
    private final MariaDbServer primary;
    private final MariaDbServer replica;

    private MariaDbReplication(MariaDbServer primary, MariaDbServer replica) {
        this.primary = primary;
        this.replica = replica;
    }

    /** Starts both servers and the replication. */
    public static MariaDbReplication start() throws SQLException {
        MariaDbServer primary = new MariaDbServer("--gtid-strict-mode=ON", "--log-slave-updates=ON").start();
        MariaDbServer replica;
        try {
            replica = new MariaDbServer("--server-id=2", "--gtid-strict-mode=ON", "--log-slave-updates=ON").start();
        } catch (RuntimeException e) {
            primary.close();
            throw e;
        }
        MariaDbReplication servers = new MariaDbReplication(primary, replica);
        try {
            // each server made its own accounts; empty binlogs so that the replica's GTIDs follow the primary's
            primary.execute("RESET MASTER");
            replica.execute("RESET MASTER", "SET GLOBAL gtid_slave_pos = ''",
                    "CHANGE MASTER TO MASTER_HOST = '127.0.0.1', MASTER_PORT = " + primary.port() + ", MASTER_USER = '"
                            + MariaDbServer.SYNC_USER + "', MASTER_PASSWORD = '" + MariaDbServer.SYNC_PASSWORD
                            + "', MASTER_USE_GTID = slave_pos",
                    "START SLAVE");
            for (int i = 0; i < 4; i++) {
                primary.execute("FLUSH BINARY LOGS");
            }
            return servers;
        } catch (SQLException | RuntimeException e) {
            servers.close();
            throw e;
        }
    }

    public MariaDbServer primary() {
        return primary;
    }

    public MariaDbServer replica() {
        return replica;
    }

    /** {@code hocon}, a config whose source is the replica, with the primary's port instead. */
    public String onPrimary(String hocon) {
        return hocon.replace("port = " + replica.port() + ",", "port = " + primary.port() + ",");
    }

    /** Waits until the replica has applied everything the primary's binlog holds now; gives up if replication stops. */
    public void awaitReplicaCaughtUp() throws SQLException {
        String target = (String) primary.query("SELECT @@gtid_binlog_pos AS pos").get(0).get("pos");
        Poll.until(Duration.ofSeconds(60), "the replica to apply " + target, () -> {
            try {
                Map<String, Object> status = replica.query("SHOW SLAVE STATUS").get(0);
                if (!"Yes".equals(status.get("Slave_SQL_Running"))) {
                    throw new Poll.GiveUp("replication stopped: " + status.get("Last_Error"));
                }
                return target.equals(replica.query("SELECT @@gtid_slave_pos AS pos").get(0).get("pos"));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Makes the replica a primary of its own (replication stopped and forgotten); harmless if it is one already. */
    public void promoteReplica() throws SQLException {
        if (!replica.query("SHOW SLAVE STATUS").isEmpty()) {
            replica.execute("STOP SLAVE", "RESET SLAVE ALL");
        }
    }

    @Override
    public void close() {
        replica.close();
        primary.close();
    }
}
