package io.binlogsync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.binlogsync.config.ConfigLoader;
import io.binlogsync.runtime.Daemon;
import io.binlogsync.testing.Poll;
import io.binlogsync.testing.TestCertificates;
import io.binlogsync.testing.servers.RedisServer;
import io.binlogsync.testing.servers.TestServers;
import io.binlogsync.testing.servers.TestServersExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * The daemon against a private Redis with an ACL file and TLS: it logs in as a user holding only what
 * docs/security.md lists ({@link #ACL}), its password from a file, over TLS trusting the test's CA and presenting a
 * client certificate (the server has {@code tls-auth-clients yes}), into database 5. A user without DEL, a wrong
 * password and a wrong CA each stop the daemon with an error naming Redis, the user or the CA, and the fix; `check`
 * fails on the last two too; no output holds a secret.
 */
@ExtendWith(TestServersExtension.class)
class SecuredRedisIT {
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    private static final String PASSWORD = "Redis-pw-" + SUFFIX;
    private static final String READER_PASSWORD = "Reader-pw-" + SUFFIX;
    private static final String WRONG_PASSWORD = "Wr0ng-pw-" + SUFFIX;
    private static final String KEY_PASSPHRASE = "Key-pp-" + SUFFIX;
    private static final List<String> SECRETS = List.of(PASSWORD, READER_PASSWORD, WRONG_PASSWORD, KEY_PASSPHRASE);
    /** The minimal ACL of docs/security.md for a non-zero database and a key prefix of `cache:`. */
    private static final String ACL = "user binlog_sync on >" + PASSWORD + " resetkeys ~cache:* resetchannels -@all"
            + " +ping +del +select\n"
            + "user cache_reader on >" + READER_PASSWORD + " ~cache:* resetchannels -@all +ping +select +get\n";
    private static final String MAPPINGS = "[ { table = \"{db}.items\", index = \"{index}items\","
            + " redis.invalidate = [\"cache:{db}:item:{id}\"] } ]";
    private static final int DATABASE = 5;
    private static final Duration EXIT_DEADLINE = Duration.ofSeconds(90);

    @TempDir
    static Path dir;
    private static RedisServer redis;
    private static Path caFile;
    private static Path clientCertificate;
    private static Path clientKey;
    private static Path passwordFile;
    private static Path passphraseFile;

    private SyncFixture fixture;
    private final Map<String, DaemonProcess> processes = new LinkedHashMap<>();

    @BeforeAll
    static void startSecuredRedis() throws IOException {
        TestCertificates.Authority ca = TestCertificates.authority("binlog-sync test Redis CA");
        caFile = ca.writePem(dir.resolve("redis-ca.crt"));
        TestCertificates.ServerCertificate server = ca.issue("redis", List.of("localhost"), List.of("127.0.0.1"));
        TestCertificates.ServerCertificate client = ca.issue("binlog-sync", List.of(), List.of());
        clientCertificate = client.writePem(dir.resolve("client.crt"));
        clientKey = client.writeEncryptedKeyPem(dir.resolve("client.key"), KEY_PASSPHRASE);
        passwordFile = Files.writeString(dir.resolve("redis-password"), PASSWORD + "\n");
        passphraseFile = Files.writeString(dir.resolve("key-passphrase"), KEY_PASSPHRASE + "\n");
        redis = new RedisServer().withAcl(ACL).withTls(new RedisServer.Tls(server.writePem(dir.resolve("server.crt")),
                server.writeKeyPem(dir.resolve("server.key")), caFile, true)).start();
    }

    @AfterAll
    static void stopSecuredRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    @BeforeEach
    void setUp(TestServers servers) throws Exception {
        fixture = new SyncFixture(servers, "redis_sec_" + Long.toString(System.nanoTime(), 36));
        fixture.createDatabase("CREATE TABLE {db}.items (id INT PRIMARY KEY, title VARCHAR(50))");
    }

    @AfterEach
    void tearDown() throws Exception {
        for (DaemonProcess process : processes.values()) {
            process.kill();
        }
        fixture.sql("DROP DATABASE IF EXISTS " + fixture.database());
        fixture.close();
    }

    @Test
    void deletesAsALeastPrivilegeUserOverTlsWithAClientCertificateInDatabase5() throws Exception {
        String key = "cache:" + fixture.database() + ":item:";
        try (Jedis admin = redis.client()) {
            admin.select(DATABASE);
            for (int id = 1; id <= 3; id++) {
                admin.set(key + id, "cached");
            }
            admin.select(0);
            admin.set(key + 1, "in database 0, which the daemon must not touch");
        }
        Daemon daemon = fixture.start(ConfigLoader.parse(hocon("tls", "user = binlog_sync, password-file = \""
                + passwordFile + "\"", "/" + DATABASE, clientTls(caFile)), "secured-redis.conf", Map.of()));
        fixture.sql("INSERT INTO " + fixture.database() + ".items VALUES (1, 'a'), (2, 'b')",
                "UPDATE " + fixture.database() + ".items SET title = 'c' WHERE id = 2");
        fixture.awaitCaughtUp(daemon, SyncFixture.DEADLINE);
        try (Jedis admin = redis.client()) {
            admin.select(DATABASE);
            assertFalse(admin.exists(key + 1), "key of row 1 deleted in database 5");
            assertFalse(admin.exists(key + 2), "key of row 2 deleted in database 5");
            assertTrue(admin.exists(key + 3), "row 3 did not change");
            admin.select(0);
            assertTrue(admin.exists(key + 1), "database 0 untouched");
            String clients = admin.clientList();
            assertTrue(clients.contains("user=binlog_sync"), "the daemon is logged in as binlog_sync: " + clients);
        }
    }

    @Test
    void aUserWithoutDelStopsTheDaemonNamingTheUserAndTheGrant() throws Exception {
        Daemon daemon = fixture.start(ConfigLoader.parse(hocon("noperm", "user = cache_reader, password = \""
                + READER_PASSWORD + "\"", "/" + DATABASE, clientTls(caFile)), "noperm.conf", Map.of()));
        fixture.sql("INSERT INTO " + fixture.database() + ".items VALUES (1, 'a')");
        String message = String.valueOf(SyncFixture.awaitFailure(daemon).getMessage());
        for (String fragment : List.of("NOPERM", "cache_reader", "ACL SETUSER cache_reader +ping +del +select",
                "docs/security.md")) {
            assertTrue(message.contains(fragment), "should say \"" + fragment + "\": " + message);
        }
        assertFalse(message.contains(READER_PASSWORD), message);
    }

    @Test
    void aWrongPasswordOrAWrongCaEndsCheckAndRunWithAnErrorNamingRedisAndTheFix() throws Exception {
        Path otherCa = TestCertificates.authority("some other CA").writePem(dir.resolve("other-ca.crt"));
        Path wrongPasswordFile = Files.writeString(dir.resolve("wrong-password"), WRONG_PASSWORD + "\n");
        Map<String, Path> configs = new LinkedHashMap<>();
        configs.put("wrong-password", Files.writeString(dir.resolve(fixture.database() + "-wrong-password.conf"),
                hocon("wrong-password", "user = binlog_sync, password-file = \"" + wrongPasswordFile + "\"",
                        "/" + DATABASE, clientTls(caFile))));
        configs.put("wrong-ca", Files.writeString(dir.resolve(fixture.database() + "-wrong-ca.conf"),
                hocon("wrong-ca", "user = binlog_sync, password-file = \"" + passwordFile + "\"", "/" + DATABASE,
                        clientTls(otherCa))));
        Map<String, List<String>> expected = Map.of(
                "wrong-password", List.of("refused the login of user binlog_sync", "WRONGPASS", "redis.password"),
                "wrong-ca", List.of("is not trusted", otherCa.toString(), "redis.tls.ca-file"));
        configs.forEach((name, config) -> {
            start("check-" + name, "check", "--config", config.toString());
            start("run-" + name, "run", "--config", config.toString());
        });
        for (String name : configs.keySet()) {
            DaemonProcess check = processes.get("check-" + name);
            assertEquals(1, check.awaitExit(EXIT_DEADLINE), name + ": " + check.logText());
            assertTrue(check.logText().contains("FAIL redis"), check.logText());
        }
        Poll.until(EXIT_DEADLINE, "every run to save its first position", () -> configs.keySet().stream().allMatch(
                name -> Files.exists(stateFile(name)) || !processes.get("run-" + name).isAlive()));
        fixture.sql("INSERT INTO " + fixture.database() + ".items VALUES (1, 'refused')");
        for (String name : configs.keySet()) {
            DaemonProcess run = processes.get("run-" + name);
            assertNotEquals(0, run.awaitExit(EXIT_DEADLINE), name + ": " + run.logText());
            for (String fragment : expected.get(name)) {
                assertTrue(run.logText().contains(fragment), name + " run should say \"" + fragment + "\": "
                        + run.logText());
                assertTrue(processes.get("check-" + name).logText().contains(fragment), name + " check should say \""
                        + fragment + "\": " + processes.get("check-" + name).logText());
            }
        }
        processes.forEach((name, process) -> {
            for (String secret : SECRETS) {
                assertFalse(process.logText().contains(secret), name + " printed a secret: " + process.logText());
            }
        });
    }

    private static String clientTls(Path ca) {
        return "tls { ca-file = \"" + ca + "\", certificate-file = \"" + clientCertificate + "\", key-file = \""
                + clientKey + "\", key-passphrase-file = \"" + passphraseFile + "\" }";
    }

    /** The fixture's config with its redis section replaced by one for the secured server's TLS port. */
    private String hocon(String name, String credentials, String databasePath, String tls) {
        return fixture.hocon(MAPPINGS)
                + "state.file = \"" + stateFile(name) + "\"\n"
                + "redis = null\n"
                + "redis { uri = \"rediss://127.0.0.1:" + redis.tlsPort() + databasePath + "\", " + credentials + ", "
                + tls + " }\n";
    }

    private Path stateFile(String name) {
        return dir.resolve(fixture.database() + "-" + name + ".json");
    }

    private void start(String name, String... args) {
        try {
            processes.put(name, DaemonProcess.start(dir.resolve(fixture.database() + "-" + name + ".log"), args));
        } catch (IOException e) {
            throw new IllegalStateException("cannot start binlog-sync " + args[0], e);
        }
    }
}
