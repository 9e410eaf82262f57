package io.binlogsync.config;

import static io.binlogsync.config.ConfigTestSupport.MINIMAL;
import static io.binlogsync.config.ConfigTestSupport.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Passwords never reach a toString or a problem message. */
class SecretMaskingTest {

    private static final String SECRET = "s3cr3t-Pa55";

    @Test
    void sourceConfigMasksThePassword() {
        SourceConfig source = new SourceConfig("db", 3306, "sync", SECRET, 1, StartPosition.CURRENT,
                Duration.ofSeconds(1), Duration.ofSeconds(1));

        assertFalse(source.toString().contains(SECRET), source.toString());
        assertTrue(source.toString().contains("password=****"), source.toString());
        assertTrue(new SyncConfig(source, new StateConfig(java.nio.file.Path.of("s")), elasticsearch(),
                Optional.empty(), new PipelineConfig(1, Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(1), 1), List.of(), new DdlConfig(DdlConfig.TruncatePolicy.STOP,
                DdlConfig.DropPolicy.STOP), new SnapshotConfig(SnapshotConfig.Mode.NEVER, 10)).toString().contains("password=****"));
    }

    @Test
    void elasticsearchConfigMasksThePassword() {
        ElasticsearchConfig elasticsearch = elasticsearch();

        assertFalse(elasticsearch.toString().contains(SECRET), elasticsearch.toString());
        assertTrue(elasticsearch.toString().contains("username=elastic"), elasticsearch.toString());
        assertTrue(elasticsearch.toString().contains("password=****"), elasticsearch.toString());
    }

    @Test
    void redisConfigMasksEveryPassword() {
        for (String redis : List.of("uri = \"redis://:" + SECRET + "@cache:6379/0\"",
                "uri = \"rediss://app:" + SECRET + "@cache:6380\"", "uri = \"redis://" + SECRET + "@cache:6379\"",
                "sentinel { master-name = m, nodes = [\"s:26379\"], user = u, password = \"" + SECRET + "\" }\n"
                        + "user = app, password = \"" + SECRET + "\"")) {
            RedisConfig config = ConfigTestSupport.parse(ConfigTestSupport.MINIMAL + "redis { " + redis + " }\n")
                    .redis().orElseThrow();
            assertFalse(config.toString().contains(SECRET), config.toString());
            assertFalse(config.describe().contains(SECRET), config.describe());
            assertTrue(config.toString().contains("password=****"), config.toString());
        }
    }

    @Test
    void masksPasswordsInTextThatIsNotAValidUri() {
        assertEquals("redis://:****@cache:6379/0", Secrets.maskUserInfo("redis://:pa/ss@cache:6379/0"));
        assertEquals("redis://:****@cache", Secrets.maskUserInfo("redis://:p@ss word@cache"));
        assertEquals("cache:6379", Secrets.maskUserInfo("cache:6379"));
    }

    @Test
    void problemsAboutSecretsDoNotShowThem() {
        List<ConfigProblem> problems = problems(MINIMAL + """
                source.password = [ "%1$s" ]
                elasticsearch.password = { value = "%1$s" }
                elasticsearch.hosts = ["http://elastic:%1$s@es1:9200", "ftp://elastic:%1$s@es2:9200"]
                redis.uri = "http://:%1$s@cache:6379/0"
                """.formatted(SECRET));

        assertEquals(5, problems.size(), ConfigTestSupport.describe(problems));
        for (ConfigProblem problem : problems) {
            assertFalse(problem.text().contains(SECRET), problem.text());
        }
        assertTrue(ConfigTestSupport.assertProblem(problems, "elasticsearch.hosts[0]", "credentials")
                .message().contains("http://elastic:****@es1:9200"));
    }

    @Test
    void theExceptionMessageDoesNotShowSecretsFromTheEnvironment() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(MINIMAL + """
                source.password = ${PW}
                source.port = "abc"
                redis.uri = ${REDIS_URI}
                """, ConfigTestSupport.ORIGIN, Map.of("PW", SECRET, "REDIS_URI", "redis://:" + SECRET + "@c:1/x")));

        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        assertTrue(e.getMessage().contains("redis://:****@c:1/x"), e.getMessage());
    }

    private static ElasticsearchConfig elasticsearch() {
        return new ElasticsearchConfig(List.of(URI.create("http://es:9200")), Optional.of("elastic"),
                Optional.of(SECRET), new BulkConfig(1, 1000, Duration.ofMillis(1)), Duration.ofSeconds(1),
                DocumentVersions.BINLOG_POSITION);
    }
}
