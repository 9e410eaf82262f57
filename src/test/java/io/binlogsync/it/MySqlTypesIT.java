package io.binlogsync.it;

import io.binlogsync.testing.servers.MySqlContainerServer;
import io.binlogsync.testing.servers.SourceServer;
import io.binlogsync.testing.servers.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * {@link TypesIT} against MySQL 8 (binary JSON, its own charset numbering), in a container. Disabled, and so
 * skipped, where no Docker engine answers.
 */
@Testcontainers(disabledWithoutDocker = true)
class MySqlTypesIT extends TypesIT {
    private static MySqlContainerServer mysql;

    @Override
    synchronized SourceServer source(TestServers servers) {
        if (mysql == null) {
            mysql = new MySqlContainerServer().start();
        }
        return mysql;
    }

    @AfterAll
    static void stopMysql() {
        if (mysql != null) {
            mysql.close();
            mysql = null;
        }
    }
}
