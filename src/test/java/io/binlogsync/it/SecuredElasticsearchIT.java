package io.binlogsync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.binlogsync.testing.HttpResult;
import io.binlogsync.testing.Poll;
import io.binlogsync.testing.TestCertificates;
import io.binlogsync.testing.servers.ElasticsearchSecurity.User;
import io.binlogsync.testing.servers.LocalSearchServer;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged daemon against an Elasticsearch 8 with security on: HTTPS on a certificate of the test's own CA
 * (made by elasticsearch-certutil), a role in roles.yml with only the privileges docs/security.md lists, and
 * file-realm users. It syncs as that user trusting the CA file or the CA's fingerprint; a wrong CA, a wrong
 * fingerprint, a wrong password and a missing privilege each end `check` and `run` with an error naming what was
 * refused (the daemon exits instead of retrying); no output of any run holds a secret.
 *
 * <p>The API-key path is not run here: this test distribution cannot create API keys (its security index needs
 * the analysis-common module it lacks), so RestClientsTest checks the header it sends on a real socket.
 */
@ExtendWith({TestServersExtension.class, SecuredCluster.Extension.class})
class SecuredElasticsearchIT {
    private static final String MAPPINGS = "[ { table = \"{db}.items\", index = \"{index}items\" } ]";
    private static final User WRITER = SecuredCluster.WRITER;
    private static final User READER = SecuredCluster.READER;
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    private static final String WRONG_PASSWORD = "Wr0ng-pw-" + SUFFIX;
    private static final List<String> SECRETS = List.of(WRITER.password(), READER.password(), WRONG_PASSWORD);
    private static final Duration EXIT_DEADLINE = Duration.ofSeconds(90);

    @TempDir
    static Path dir;
    private static LocalSearchServer secured;
    private static Path caFile;
    private static String caFingerprint;

    private SyncFixture fixture;
    private final Map<String, DaemonProcess> processes = new LinkedHashMap<>();

    @BeforeAll
    static void useSecuredCluster(SecuredCluster cluster) {
        secured = cluster.server();
        caFile = cluster.caFile();
        caFingerprint = cluster.caFingerprint();
    }

    @BeforeEach
    void setUp(TestServers servers) throws Exception {
        fixture = new SyncFixture(servers, "secured_" + Long.toString(System.nanoTime(), 36));
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
    void syncsThroughHttpsTrustingTheCaFileOrTheCaFingerprint() throws Exception {
        Path passwordFile = Files.writeString(dir.resolve("es-password"), WRITER.password() + "\n");
        Path withCaFile = config("ca-file", "username = " + WRITER.name() + ", password-file = \"" + passwordFile
                + "\", ca-file = \"" + caFile + "\"");
        Path withFingerprint = config("fingerprint", "username = " + WRITER.name() + ", password = \""
                + WRITER.password() + "\", ca-fingerprint = \"" + caFingerprint + "\"");

        DaemonProcess check = start("check-ca-file", "check", "--config", withCaFile.toString());
        for (Path config : List.of(withCaFile, withFingerprint)) {
            int id = config == withCaFile ? 1 : 2;
            DaemonProcess daemon = start("run-" + id, "run", "--config", config.toString());
            awaitStarted(daemon, config);
            fixture.sql("INSERT INTO " + fixture.database() + ".items VALUES (" + id + ", 'row " + id + "')");
            Poll.until(SyncFixture.DEADLINE, "document " + id + " in the secured cluster", () -> {
                if (!daemon.isAlive()) {
                    throw new Poll.GiveUp("the daemon exited: " + daemon.logText());
                }
                HttpResult document = secured.request("GET", "/" + fixture.index("items") + "/_doc/" + id, null);
                return document.status() == 200 && document.body().contains("row " + id);
            });
            assertEquals(0, daemon.terminate(30), daemon.logText());
        }
        assertEquals(0, check.awaitExit(EXIT_DEADLINE), check.logText());
        assertTrue(check.logText().contains("OK   elasticsearch"), check.logText());

        DaemonProcess verify = start("verify", "verify", "--config", withFingerprint.toString(), "--lag-wait", "5");
        assertEquals(0, verify.awaitExit(EXIT_DEADLINE), verify.logText());
        assertNoSecretIn(processes);
    }

    @Test
    void refusalsEndCheckAndRunWithAnErrorNamingWhatWasRefused() throws Exception {
        Path otherCa = TestCertificates.authority("some other CA").writePem(dir.resolve("other-ca.crt"));
        String otherFingerprint = TestCertificates.sha256(TestCertificates.authority("another CA").certificate());
        Map<String, Path> configs = new LinkedHashMap<>();
        configs.put("wrong-ca", config("wrong-ca", "username = " + WRITER.name() + ", password = \""
                + WRITER.password() + "\", ca-file = \"" + otherCa + "\""));
        configs.put("wrong-fingerprint", config("wrong-fingerprint", "username = " + WRITER.name()
                + ", password = \"" + WRITER.password() + "\", ca-fingerprint = \"" + otherFingerprint + "\""));
        configs.put("wrong-password", config("wrong-password", "username = " + WRITER.name() + ", password = \""
                + WRONG_PASSWORD + "\", ca-file = \"" + caFile + "\""));
        configs.put("no-write-privilege", config("no-write-privilege", "username = " + READER.name()
                + ", password = \"" + READER.password() + "\", ca-file = \"" + caFile + "\""));
        Map<String, List<String>> expected = Map.of(
                "wrong-ca", List.of("is not trusted", otherCa.toString(), "CN=node", "SHA-256 fingerprint"),
                "wrong-fingerprint", List.of("is not trusted", otherFingerprint, "CN=node"),
                "wrong-password", List.of("401", "refused the credentials"),
                "no-write-privilege", List.of("403", "unauthorized", READER.name(), "indices:data/write/bulk"));

        configs.forEach((name, config) -> {
            if (!name.equals("no-write-privilege")) { // the cluster answers that user's health and version
                start("check-" + name, "check", "--config", config.toString());
            }
            start("run-" + name, "run", "--config", config.toString());
        });
        for (String name : configs.keySet()) {
            awaitStarted(processes.get("run-" + name), configs.get(name));
        }
        fixture.sql("INSERT INTO " + fixture.database() + ".items VALUES (1, 'refused')");

        for (String name : configs.keySet()) {
            DaemonProcess run = processes.get("run-" + name);
            assertNotEquals(0, run.awaitExit(EXIT_DEADLINE), name + ": " + run.logText());
            for (String fragment : expected.get(name)) {
                assertTrue(run.logText().contains(fragment), name + " run should say \"" + fragment + "\": "
                        + run.logText());
            }
        }
        for (String name : List.of("wrong-ca", "wrong-fingerprint", "wrong-password")) {
            DaemonProcess check = processes.get("check-" + name);
            assertEquals(1, check.awaitExit(EXIT_DEADLINE), name + ": " + check.logText());
            for (String fragment : expected.get(name).subList(0, 2)) {
                assertTrue(check.logText().contains(fragment), name + " check should say \"" + fragment + "\": "
                        + check.logText());
            }
        }
        assertNoSecretIn(processes);
    }

    /** elasticsearch { ... } of the fixture's config replaced by the secured cluster's, with its own state file. */
    private Path config(String name, String elasticsearch) throws IOException {
        String hocon = fixture.hocon(MAPPINGS)
                + "state.file = \"" + dir.resolve(fixture.database() + "-" + name + ".json") + "\"\n"
                + "elasticsearch { hosts = [\"" + secured.url() + "\"], " + elasticsearch + " }\n";
        return Files.writeString(dir.resolve(fixture.database() + "-" + name + ".conf"), hocon);
    }

    private DaemonProcess start(String name, String... args) {
        try {
            DaemonProcess process = DaemonProcess.start(dir.resolve(fixture.database() + "-" + name + ".log"), args);
            processes.put(name, process);
            return process;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start binlog-sync " + args[0], e);
        }
    }

    /** Until the daemon has saved its first position (start = current), or has already exited. */
    private static void awaitStarted(DaemonProcess daemon, Path config) throws IOException {
        String text = Files.readString(config);
        int at = text.lastIndexOf("state.file = \"") + "state.file = \"".length();
        Path stateFile = Path.of(text.substring(at, text.indexOf('"', at)));
        try {
            Poll.until(EXIT_DEADLINE, "the daemon to save its first position in " + stateFile,
                    () -> Files.exists(stateFile) || !daemon.isAlive());
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; its log: " + daemon.logText(), e);
        }
    }

    private static void assertNoSecretIn(Map<String, DaemonProcess> processes) {
        processes.forEach((name, process) -> {
            String output = process.logText();
            for (String secret : SECRETS) {
                assertFalse(output.contains(secret), name + " printed a password: " + output);
            }
        });
    }
}
