package io.binlogsync.config;

import static io.binlogsync.config.ConfigTestSupport.assertOnlyProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedisConfigReaderTest {
    private static final String PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

    @TempDir
    Path dir;

    private static RedisConfig redis(String section) {
        return ConfigTestSupport.parse(ConfigTestSupport.MINIMAL + "redis { " + section + " }\n").redis().orElseThrow();
    }

    @Test
    void readsAnAclUserWithThePasswordFromAFileADatabaseTimeoutsAndTls() throws Exception {
        Path password = Files.writeString(dir.resolve("redis-password"), "s3cret\n");
        Path ca = Files.writeString(dir.resolve("ca.crt"), PEM);
        RedisConfig config = redis("uri = \"redis://cache:6380\", user = binlog_sync, password-file = \"" + password
                + "\", database = 3, connect-timeout = 500ms, socket-timeout = 5s, tls { enabled = true, ca-file = \""
                + ca + "\", certificate-file = c.pem, key-file = k.pem, key-passphrase = pp, verify-host-name = false },"
                + " wait-replicas = 1");

        assertEquals(new RedisConfig.Standalone(new RedisConfig.Endpoint("cache", 6380)), config.topology());
        assertEquals(Optional.of("binlog_sync"), config.user());
        assertEquals(Optional.of("s3cret"), config.password(), "the file's trailing line break is not the password");
        assertEquals(3, config.database());
        assertEquals(Duration.ofMillis(500), config.connectTimeout());
        assertEquals(Duration.ofSeconds(5), config.socketTimeout());
        assertEquals(1, config.waitReplicas());
        RedisConfig.Tls tls = config.tls().orElseThrow();
        assertEquals(new ServerTrust.CaFile(ca), tls.trust());
        assertFalse(tls.verifyHostName());
        assertEquals(new ClientCertificate(Path.of("c.pem"), Path.of("k.pem"), Optional.of("pp"),
                "redis.tls.certificate-file"), tls.clientCertificate().orElseThrow());
    }

    @Test
    void theUriMayCarryTheUserPasswordDatabaseAndTls() {
        RedisConfig config = redis("uri = \"rediss://app:pw@cache:6390/4\"");
        assertEquals(Optional.of("app"), config.user());
        assertEquals(Optional.of("pw"), config.password());
        assertEquals(4, config.database());
        assertEquals(new ServerTrust.SystemTrustStore(), config.tls().orElseThrow().trust());
        assertEquals(Optional.empty(), redis("uri = \"redis://cache\"").tls());
        assertEquals(6379, ((RedisConfig.Standalone) redis("uri = \"redis://cache\"").topology()).node().port());
    }

    @Test
    void readsSentinelWithTheSentinelsOwnCredentialsAndTls() {
        RedisConfig config = redis("user = app, password = pw, tls.enabled = true, sentinel { master-name = mymaster,"
                + " nodes = [\"s1:26379\", \"[::1]:26380\"], user = watcher, password = spw, tls.enabled = false }");
        assertEquals(new RedisConfig.Sentinel("mymaster", List.of(new RedisConfig.Endpoint("s1", 26379),
                new RedisConfig.Endpoint("::1", 26380)), Optional.of("watcher"), Optional.of("spw"), Optional.empty()),
                config.topology());
        assertEquals(Optional.of("app"), config.user());
        RedisConfig.Sentinel inherited = (RedisConfig.Sentinel) redis("tls.enabled = true, sentinel {"
                + " master-name = m, nodes = [\"s1:26379\"] }").topology();
        assertEquals(Optional.of(new RedisConfig.Tls(new ServerTrust.SystemTrustStore(), true, Optional.empty())),
                inherited.tls(), "the sentinels speak TLS as the data nodes do unless sentinel.tls says otherwise");
        assertEquals(Optional.empty(), inherited.password());
    }

    @Test
    void readsClusterSeeds() {
        assertEquals(new RedisConfig.Cluster(List.of(new RedisConfig.Endpoint("n1", 7000),
                new RedisConfig.Endpoint("n2", 7001))), redis("cluster.nodes = [\"n1:7000\", \"n2:7001\"]").topology());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "uri = \"redis://:pw@h:1\", password = other         | redis.password  | both in uri and as password",
            "uri = \"redis://u:pw@h:1\", user = v                | redis.user      | both in uri and as user",
            "uri = \"redis://h:1/2\", database = 3               | redis.database  | both in uri (/2) and as database",
            "uri = \"rediss://h:1\", tls.enabled = false          | redis.tls.enabled | rediss://",
            "uri = \"redis://h:1\", tls.ca-file = ca.pem          | redis.tls.ca-file | TLS is off",
            "uri = \"redis://h:1\", tls.verify-host-name = false  | redis.tls.verify-host-name | TLS is off",
            "uri = \"redis://h:1\", user = app                    | redis.password  | user is set but no password",
            "uri = \"redis://h:1\", cluster.nodes = [\"h:2\"]     | redis.cluster   | uri and cluster are both set",
            "cluster.nodes = [\"h:2\"], database = 1              | redis.database  | only database 0",
            "cluster.nodes = [\"h\"]                              | redis.cluster.nodes[0] | not host:port",
            "cluster.nodes = []                                   | redis.cluster.nodes | is empty",
            "sentinel.nodes = [\"h:26379\"]                       | redis.sentinel.master-name | required setting",
            "sentinel { master-name = m }                         | redis.sentinel.nodes | required setting",
            "uri = \"redis://h:1\", connect-timeout = 0s          | redis.connect-timeout | longer than 0",
            "uri = \"rediss://h:1\", tls.certificate-file = c.pem | redis.tls.key-file | needs both",
            "uri = \"rediss://h:1\", tls.key-passphrase = x       | redis.tls.key-passphrase | key-file is not",
            "uri = \"redis://h:1\", tls.enabled = maybe           | redis.tls.enabled | true or false",
            "uri = \"redis://h:1\", sentinal = {}                 | redis.sentinal  | did you mean `sentinel`",
            "password = pw                                        | redis.uri       | set exactly one of uri",
            "cluster.nodes = [\"h:2\"], wait-replicas = 1         | redis.wait-replicas | not supported with cluster",
            "uri = \"redis://h:1\", wait-replicas = -1            | redis.wait-replicas | between 0 and 100",
    })
    void contradictionsAndMistakesAreRefusedAtTheirPath(String section, String path, String complaint) {
        ConfigProblem problem = assertOnlyProblem("redis { " + section + " }\n", path, complaint);
        assertFalse(problem.text().contains("pw") && !section.contains("user = v"), problem.text());
    }

    @Test
    void aPasswordFileThatIsMissingIsNamed() {
        assertOnlyProblem("redis { uri = \"redis://h:1\", user = u, password-file = \"" + dir.resolve("nope")
                + "\" }\n", "redis.password-file", "does not exist");
        assertOnlyProblem("redis { uri = \"redis://h:1\", password = a, password-file = b }\n",
                "redis.password-file", "both set");
    }
}
