package io.binlogsync.it;

import io.binlogsync.config.ConfigLoader;
import io.binlogsync.config.DocumentVersions;
import io.binlogsync.config.SyncConfig;
import io.binlogsync.event.BinlogPosition;
import io.binlogsync.event.ChangeEvent;
import io.binlogsync.event.SourceFailed;
import io.binlogsync.source.binlog.BinlogSource;
import io.binlogsync.source.binlog.StreamStart;
import io.binlogsync.source.jdbc.SchemaCatalog;
import io.binlogsync.source.jdbc.SourceDatabase;
import io.binlogsync.testing.TestCertificates;
import io.binlogsync.testing.servers.MariaDbServer;
import io.binlogsync.testing.servers.TestServers;
import io.binlogsync.testing.servers.TestServersExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TLS on both links to the source, against a private MariaDB with a certificate from the test's own CA, made out
 * to 127.0.0.1 only, that refuses connections without TLS ({@code require_secure_transport=ON}). Each mode syncs
 * rows into the shared Elasticsearch; a wrong CA, a host name the certificate does not list, plain TLS where it is
 * required and a missing client certificate fail at {@code check} and at {@code run} (the packaged jar) with the link,
 * the mode and the fix; the binlog stream refuses a wrong CA on its own too. One extra MariaDB, started once.
 */
@ExtendWith(TestServersExtension.class)
class SourceTlsIT {
    private static final String MAPPINGS = "[ { table = \"{db}.items\", index = \"{index}items\" } ]";
    private static final String PASSPHRASE = "key-passphrase-3f9a";

    private static Path certificates;
    private static Path caFile;
    private static Path otherCaFile;
    private static Path clientCertificate;
    private static Path clientKey;
    private static Path clientEncryptedKey;
    private static MariaDbServer server;

    private SyncFixture fixture;

    @BeforeAll
    static void startServer() throws Exception {
        certificates = Files.createTempDirectory("binlog-sync-source-tls");
        TestCertificates.Authority ca = TestCertificates.authority("binlog-sync test source CA");
        caFile = ca.writePem(certificates.resolve("ca.pem"));
        otherCaFile = TestCertificates.authority("some other CA").writePem(certificates.resolve("other-ca.pem"));
        TestCertificates.ServerCertificate serverCertificate = ca.issue("source", List.of(), List.of("127.0.0.1"));
        Path serverCert = serverCertificate.writePem(certificates.resolve("server.pem"));
        Path serverKey = serverCertificate.writeKeyPem(certificates.resolve("server-key.pem"));
        TestCertificates.ServerCertificate client = ca.issue("binlog-sync", List.of(), List.of());
        clientCertificate = client.writePem(certificates.resolve("client.pem"));
        clientKey = client.writeKeyPem(certificates.resolve("client-key.pem"));
        clientEncryptedKey = client.writeEncryptedKeyPem(certificates.resolve("client-key-encrypted.pem"), PASSPHRASE);
        server = MariaDbServer.tlsOnly(caFile, serverCert, serverKey).start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void setUp(TestServers servers) throws SQLException {
        fixture = new SyncFixture(servers, server, "tls_" + Long.toString(System.nanoTime(), 36));
        String db = fixture.database();
        fixture.sql("CREATE DATABASE " + db, "CREATE TABLE " + db + ".items (id INT PRIMARY KEY, title VARCHAR(64))");
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    /** The fixture's config with {@code extra} lines after it (later settings win in HOCON). */
    private String hocon(String extra) {
        return fixture.hocon(MAPPINGS) + extra + "\n";
    }

    private SyncConfig config(String extra) {
        return ConfigLoader.parse(hocon(extra), "tls.conf", Map.of());
    }

    private static String tls(String mode, Path ca) {
        return "source.tls { mode = " + mode + (ca == null ? "" : ", ca-file = \"" + ca + "\"") + " }";
    }

    /** Starts the daemon in-process, inserts a row, and waits for its document. */
    private void syncsARow(String extra, int id) throws Exception {
        fixture.start(config(extra));
        fixture.sql("INSERT INTO " + fixture.database() + ".items VALUES (" + id + ", 'over TLS " + id + "')");
        fixture.awaitDocument(fixture.index("items"), String.valueOf(id), "title", "over TLS " + id);
    }

    /** Runs {@code binlog-sync COMMAND} of the packaged jar; returns its exit code and output. */
    private Map.Entry<Integer, String> packaged(String command, String extra) throws Exception {
        Path config = fixture.directory.resolve(command + "-" + System.nanoTime() + ".conf");
        Files.writeString(config, hocon(extra));
        Path log = fixture.directory.resolve(config.getFileName() + ".log");
        int exit;
        if (command.equals("run")) {
            DaemonProcess daemon = DaemonProcess.start(log, "run", "--config", config.toString());
            exit = daemon.awaitExit(Duration.ofSeconds(60));
        } else {
            exit = DaemonProcess.run(log, command, "--config", config.toString());
        }
        return Map.entry(exit, Files.readString(log));
    }

    private void failsAtCheckAndRun(String extra, String... expected) throws Exception {
        for (String command : List.of("check", "run")) {
            Map.Entry<Integer, String> result = packaged(command, extra);
            assertEquals(1, result.getKey(), command + ": " + result.getValue());
            for (String text : expected) {
                assertTrue(result.getValue().contains(text), command + " should say `" + text + "`: "
                        + result.getValue());
            }
            assertFalse(result.getValue().contains(fixture.password), command + " printed the password");
            assertFalse(result.getValue().contains(PASSPHRASE), command + " printed the key passphrase");
        }
    }

    @Test
    void everyModeThatEncryptsSyncsAndCheckSaysSo() throws Exception {
        Map.Entry<Integer, String> check = packaged("check", tls("verify-identity", caFile));
        assertEquals(0, check.getKey(), check.getValue());
        assertTrue(check.getValue().contains("OK   source: TLS (TLSv1.3") && check.getValue().contains(
                "source.tls.mode = verify-identity"), check.getValue());
        assertTrue(check.getValue().contains("OK   grants: " + fixture.user + "@% has REPLICATION SLAVE, BINLOG MONITOR"
                + " and SELECT on the 1 mapped table(s)"), check.getValue());

        syncsARow(tls("required", null), 1);
        fixture.close();
        syncsARow(tls("verify-ca", caFile), 2);
        fixture.close();
        syncsARow(tls("verify-identity", caFile), 3);
    }

    @Test
    void withoutTlsTheServerRefusesAndTheErrorSaysWhichSettingTurnsItOn() throws Exception {
        // MariaDB refuses a login in clear as it refuses a wrong password: the hint names both
        failsAtCheckAndRun("", "JDBC to 127.0.0.1:" + server.port() + " (source.tls.mode = disabled): ",
                "Access denied", "check source.user and source.password",
                "if the server requires TLS (require_secure_transport=ON", "set source.tls.mode = verify-identity");
    }

    @Test
    void aWrongCaFailsOnBothLinks() throws Exception {
        failsAtCheckAndRun(tls("verify-ca", otherCaFile), "JDBC to 127.0.0.1:" + server.port()
                        + " (source.tls.mode = verify-ca): the certificate of 127.0.0.1:" + server.port() + " is not trusted",
                "expected a certificate signed by the CA in " + otherCaFile + " (source.tls.ca-file)",
                "issued by \"CN=binlog-sync test source CA\"", "set source.tls.ca-file to its CA certificate");

        // the replication stream on its own: the same verdict, fatal rather than retried
        SyncConfig config = config(tls("verify-ca", otherCaFile));
        BlockingQueue<ChangeEvent> events = new LinkedBlockingQueue<>();
        try (BinlogSource source = new BinlogSource(config.source(), DocumentVersions.BINLOG_POSITION,
                new SchemaCatalog(new SourceDatabase(config.source())), Set.of(), events::put,
                Duration.ofMillis(100), Duration.ofSeconds(1), Clock.systemUTC())) {
            source.start(new StreamStart(new BinlogPosition("mysql-bin.000001", 4), Optional.empty(), false, 1));
            ChangeEvent event = events.poll(30, TimeUnit.SECONDS);
            assertNotNull(event, "the binlog stream neither failed nor delivered within 30 s");
            SourceFailed failed = assertInstanceOf(SourceFailed.class, event);
            assertTrue(failed.message().startsWith("binlog stream to 127.0.0.1:" + server.port()
                    + " (source.tls.mode = verify-ca): the certificate of 127.0.0.1:" + server.port()
                    + " is not trusted"), failed.message());
            assertTrue(failed.message().contains("set source.tls.ca-file"), failed.message());
        }
    }

    @Test
    void aHostNameTheCertificateDoesNotListFailsInVerifyIdentityOnly() throws Exception {
        String byName = tls("verify-identity", caFile) + "\nsource.host = \"localhost\"";
        failsAtCheckAndRun(byName, "JDBC to localhost:" + server.port() + " (source.tls.mode = verify-identity):"
                        + " the certificate of localhost:" + server.port() + " is trusted but is not made out to that"
                        + " host name", "connect to a name or address the certificate lists",
                "(source.host)", "set source.tls.mode = verify-ca");

        // verify-ca checks the chain only
        syncsARow(tls("verify-ca", caFile) + "\nsource.host = \"localhost\"", 4);
    }

    @Test
    void anAccountThatRequiresX509SyncsWithAPlainOrAnEncryptedKey() throws Exception {
        fixture.sql("ALTER USER '" + fixture.user + "'@'%' REQUIRE X509");
        failsAtCheckAndRun(tls("verify-identity", caFile), "JDBC to 127.0.0.1:" + server.port()
                + " (source.tls.mode = verify-identity): ", "Access denied", "if the account is created with REQUIRE"
                + " X509", "set source.tls.certificate-file and key-file");

        syncsARow(tls("verify-identity", caFile) + "\nsource.tls { certificate-file = \"" + clientCertificate
                + "\", key-file = \"" + clientKey + "\" }", 5);
        fixture.close();

        Path passphraseFile = Files.writeString(certificates.resolve("passphrase"), PASSPHRASE + "\n");
        String encrypted = tls("verify-identity", caFile) + "\nsource.tls { certificate-file = \"" + clientCertificate
                + "\", key-file = \"" + clientEncryptedKey + "\", key-passphrase-file = \"" + passphraseFile + "\" }";
        Map.Entry<Integer, String> check = packaged("check", encrypted);
        assertEquals(0, check.getKey(), check.getValue());
        assertTrue(check.getValue().contains("presenting a client certificate"), check.getValue());
        assertFalse(check.getValue().contains(PASSPHRASE), check.getValue());
        syncsARow(encrypted, 6);
    }
}
