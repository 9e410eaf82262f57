package io.binlogsync.testing.servers;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;

/**
 * MySQL 8 in a container (Testcontainers), binlog on with ROW / FULL / FULL and GTIDs, for the tests that must
 * also pass against MySQL. Only where a Docker engine exists; the tests using it are disabled without one.
 */
public final class MySqlContainerServer implements SourceServer, AutoCloseable {
    public static final String IMAGE = "mysql:8.0.40";
    private static final String ROOT_PASSWORD = "root-pass";

    private final GenericContainer<?> container;

    public MySqlContainerServer() {
        container = new GenericContainer<>(DockerImageName.parse(IMAGE))
                .withEnv("MYSQL_ROOT_PASSWORD", ROOT_PASSWORD)
                .withCommand("--server-id=1", "--log-bin=mysql-bin", "--binlog-format=ROW", "--binlog-row-image=FULL",
                        "--binlog-row-metadata=FULL", "--gtid-mode=ON", "--enforce-gtid-consistency=ON",
                        "--default-authentication-plugin=mysql_native_password", "--character-set-server=utf8mb4")
                .withExposedPorts(3306)
                // the entrypoint starts a temporary server first; the real one is the second "ready for connections"
                .waitingFor(Wait.forLogMessage(".*ready for connections.*port: 3306.*", 1)
                        .withStartupTimeout(Duration.ofMinutes(3)));
    }

    public MySqlContainerServer start() {
        container.start();
        try {
            execute("CREATE USER 'sync'@'%' IDENTIFIED WITH mysql_native_password BY 'sync-pass'",
                    "GRANT REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO 'sync'@'%'");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the replication user in " + IMAGE, e);
        }
        return this;
    }

    @Override
    public String host() {
        return container.getHost();
    }

    @Override
    public int port() {
        return container.getMappedPort(3306);
    }

    @Override
    public String syncUser() {
        return "sync";
    }

    @Override
    public String syncPassword() {
        return "sync-pass";
    }

    @Override
    public Connection adminConnection() throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://" + host() + ":" + port() + "/?user=root&password="
                + ROOT_PASSWORD + "&allowPublicKeyRetrieval=true");
    }

    @Override
    public void close() {
        container.stop();
    }
}
