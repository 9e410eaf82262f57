package io.binlogsync.it;

import io.binlogsync.config.ConfigLoader;
import io.binlogsync.config.SyncConfig;
import io.binlogsync.source.jdbc.SourceDatabase;
import io.binlogsync.testing.servers.MySqlContainerServer;
import io.binlogsync.testing.servers.TestServers;
import io.binlogsync.testing.servers.TestServersExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.junit.jupiter.Testcontainers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MySQL 8's caching_sha2_password: over a link without TLS, a login the server has not cached needs the server's
 * RSA public key. {@code FLUSH PRIVILEGES} empties that cache before each case. Disabled, and so skipped, where no
 * Docker engine answers.
 */
@Testcontainers(disabledWithoutDocker = true)
@ExtendWith(TestServersExtension.class)
class MySqlRsaKeyIT {
    private static final String MAPPINGS = "[ { table = \"{db}.items\", index = \"{index}items\" } ]";
    private static final String SHA2_PASSWORD = "sha2-pass-9d1";
    private static MySqlContainerServer mysql;

    private SyncFixture fixture;
    private String user;

    @BeforeEach
    void setUp(TestServers servers) throws SQLException {
        synchronized (MySqlRsaKeyIT.class) {
            if (mysql == null) {
                mysql = new MySqlContainerServer().start();
            }
        }
        fixture = new SyncFixture(servers, mysql, "rsa_" + Long.toString(System.nanoTime(), 36));
        String db = fixture.database();
        user = "sha2_" + Long.toString(System.nanoTime(), 36);
        fixture.sql("CREATE DATABASE " + db, "CREATE TABLE " + db + ".items (id INT PRIMARY KEY, title VARCHAR(64))",
                "CREATE USER '" + user + "'@'%' IDENTIFIED WITH caching_sha2_password BY '" + SHA2_PASSWORD + "'",
                "GRANT REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO '" + user + "'@'%'",
                "GRANT SELECT ON " + db + ".* TO '" + user + "'@'%'",
                // the server forgets every cached login: the next one takes the full (RSA or TLS) path
                "FLUSH PRIVILEGES");
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @AfterAll
    static void stopMysql() {
        if (mysql != null) {
            mysql.close();
            mysql = null;
        }
    }

    private SyncConfig config(String extra) {
        String hocon = fixture.hocon(MAPPINGS).replace("user = \"" + fixture.user + "\"", "user = \"" + user + "\"")
                .replace("password = \"" + fixture.password + "\"", "password = \"" + SHA2_PASSWORD + "\"")
                + extra + "\n";
        return ConfigLoader.parse(hocon, "rsa.conf", Map.of());
    }

    private void syncsARow(SyncConfig config, int id) throws Exception {
        fixture.start(config);
        fixture.sql("INSERT INTO " + fixture.database() + ".items VALUES (" + id + ", 'row " + id + "')");
        fixture.awaitDocument(fixture.index("items"), String.valueOf(id), "title", "row " + id);
    }

    @Test
    void withoutTlsOrAKeySettingTheLoginFailsNamingTheSettings() {
        SQLException refused = assertThrows(SQLException.class,
                () -> new SourceDatabase(config("").source()).serverVersion());
        assertTrue(refused.getMessage().contains("caching_sha2_password")
                && refused.getMessage().contains("source.allow-public-key-retrieval = true")
                && refused.getMessage().contains("source.server-public-key-file")
                && refused.getMessage().contains("source.tls.mode = verify-identity"), refused.getMessage());
        assertTrue(!refused.getMessage().contains(SHA2_PASSWORD), "the message holds the password");
    }

    @Test
    void withRetrievalAllowedBothLinksLogIn() throws Exception {
        syncsARow(config("source.allow-public-key-retrieval = true"), 1);
    }

    @Test
    void withTheServersKeyFileTheJdbcLinkNeedsNoRetrieval() throws Exception {
        String key = (String) mysql.query("SHOW STATUS LIKE 'Caching_sha2_password_rsa_public_key'").get(0)
                .get("Value");
        Path file = Files.writeString(fixture.directory.resolve("public_key.pem"), key);
        syncsARow(config("source { server-public-key-file = \"" + file + "\", allow-public-key-retrieval = true }"),
                2);
    }

    @Test
    void overTlsNoKeyIsNeeded() throws Exception {
        // MySQL 8 makes itself a certificate at its first start: required encrypts without checking it
        syncsARow(config("source.tls.mode = required"), 3);
    }
}
