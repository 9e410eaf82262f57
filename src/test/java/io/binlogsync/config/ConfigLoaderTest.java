package io.binlogsync.config;

import static io.binlogsync.config.ConfigTestSupport.MINIMAL;
import static io.binlogsync.config.ConfigTestSupport.ORIGIN;
import static io.binlogsync.config.ConfigTestSupport.assertProblem;
import static io.binlogsync.config.ConfigTestSupport.parse;
import static io.binlogsync.config.ConfigTestSupport.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.binlogsync.config.DdlConfig.DropPolicy;
import io.binlogsync.config.DdlConfig.TruncatePolicy;
import io.binlogsync.config.FieldConversion.Kind;
import io.binlogsync.event.TableId;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private static final String FULL = """
            source {
              host = "db1.internal"
              port = 3307
              user = "sync"
              password = ${DB_PASSWORD}
              server-id = 4294967295
              start = earliest
              connect-timeout = 3s
              heartbeat-interval = 2s
            }
            state.file = "/var/lib/binlog-sync/state.json"
            elasticsearch {
              hosts = ["https://es1.internal:9200", "https://es2.internal:9201"]
              username = "elastic"
              password = "es-secret"
              request-timeout = 45s
              versions = gtid
              bulk { max-actions = 500, max-bytes = 2MiB, max-wait = 1s }
            }
            redis { uri = "rediss://:redis-secret@cache.internal:6380/2" }
            pipeline {
              queue-capacity = 2048
              retry { initial-backoff = 100ms, max-backoff = 1m }
              shutdown-timeout = 20s
              in-flight-batches = 4
            }
            ddl { on-truncate = stop, on-drop = stop }
            mappings = [
              { table = "shop.products", index = "products", id = ["id"]
                fields { "include" = ["id", "title", "sku"], exclude = ["internal_note"], rename { title = "name" }
                         convert { sku = string, title { to = split, separator = ";" } } }
                redis.invalidate = ["product:{id}", "product:sku:{sku}"] }
              { table = "`shop`.`categories`", index = "categories" }
            ]
            """;

    @Test
    void readsEverySettingOfAFullConfiguration() {
        SyncConfig config = ConfigLoader.parse(FULL, ORIGIN, Map.of("DB_PASSWORD", "db-secret"));

        assertEquals(new SourceConfig("db1.internal", 3307, "sync", "db-secret", 4_294_967_295L,
                StartPosition.EARLIEST, Duration.ofSeconds(3), Duration.ofSeconds(2)), config.source());
        assertEquals(new StateConfig(Path.of("/var/lib/binlog-sync/state.json")), config.state());
        assertEquals(new ElasticsearchConfig(
                List.of(URI.create("https://es1.internal:9200"), URI.create("https://es2.internal:9201")),
                Optional.of("elastic"), Optional.of("es-secret"),
                new BulkConfig(500, 2 * 1024 * 1024, Duration.ofSeconds(1)), Duration.ofSeconds(45),
                DocumentVersions.GTID),
                config.elasticsearch());
        assertEquals(Optional.of(new RedisConfig(new RedisConfig.Standalone(new RedisConfig.Endpoint("cache.internal",
                        6380)), Optional.empty(), Optional.of("redis-secret"), 2, Duration.ofSeconds(2),
                        Duration.ofSeconds(2), Optional.of(new RedisConfig.Tls(new ServerTrust.SystemTrustStore(), true,
                        Optional.empty())), 0)), config.redis());
        assertEquals(new PipelineConfig(2048, Duration.ofMillis(100), Duration.ofMinutes(1), Duration.ofSeconds(20),
                4), config.pipeline());
        assertEquals(List.of(
                MappingConfigBuilder.mapping("mappings[0]", new TableId("shop", "products"), "products")
                        .id(List.of("id"))
                        .fields(new FieldsConfig(List.of("id", "title", "sku"), List.of("internal_note"),
                                Map.of("title", "name"), Map.of("sku", FieldConversion.of(Kind.STRING),
                                "title", new FieldConversion(Kind.SPLIT, ";"))))
                        .redisInvalidate(List.of("product:{id}", "product:sku:{sku}")).build(),
                MappingConfigBuilder.mapping("mappings[1]", new TableId("shop", "categories"), "categories").build()),
                config.mappings());
        assertEquals(new DdlConfig(TruncatePolicy.STOP, DropPolicy.STOP), config.ddl());
    }

    @Test
    void appliesDefaultsToEverythingLeftOut() {
        SyncConfig config = parse(MINIMAL);

        assertEquals(new SourceConfig("127.0.0.1", 3306, "sync", "pw", 4201, StartPosition.CURRENT,
                Duration.ofSeconds(10), Duration.ofSeconds(5)), config.source());
        assertEquals(new ElasticsearchConfig(List.of(URI.create("http://127.0.0.1:9200")), Optional.empty(),
                Optional.empty(), new BulkConfig(1000, 5_000_000, Duration.ofMillis(200)), Duration.ofSeconds(30),
                DocumentVersions.BINLOG_POSITION),
                config.elasticsearch());
        assertEquals(Optional.empty(), config.redis());
        assertEquals(new PipelineConfig(1_000, Duration.ofMillis(500), Duration.ofSeconds(30),
                Duration.ofSeconds(10), 2), config.pipeline());
        assertEquals(MappingConfigBuilder.mapping("mappings[0]", new TableId("shop", "products"), "products").build(),
                config.mappings().get(0));
        assertEquals(new DdlConfig(TruncatePolicy.DELETE_DOCUMENTS, DropPolicy.STOP_MAPPING), config.ddl());
    }

    @Test
    void loadsTheReferenceConfigurationShippedInConf() {
        SyncConfig config = ConfigLoader.load(Path.of("conf/binlog-sync.conf"),
                Map.of("BINLOG_SYNC_SOURCE_PASSWORD", "from-env"));

        assertEquals("from-env", config.source().password());
        assertEquals(List.of(new TableId("shop", "products"), new TableId("shop", "categories")),
                config.mappings().stream().map(MappingConfig::table).toList());
        assertEquals(List.of("products", "categories"),
                config.mappings().stream().map(MappingConfig::index).toList());
        assertTrue(config.redis().isPresent());
        MappingConfig products = config.mappings().get(0);
        assertEquals(List.of("id"), products.id());
        assertEquals(Map.of("title", "name", "category_id", "category"), products.fields().rename());
        assertEquals(Map.of("attributes", FieldConversion.of(Kind.JSON), "colors", FieldConversion.of(Kind.SPLIT),
                "created_ms", FieldConversion.of(Kind.EPOCH_MILLIS), "sku_number", FieldConversion.of(Kind.STRING)),
                products.fields().convert());
        assertEquals(List.of("product:{id}", "product:sku:{sku}"), products.redisInvalidate());
    }

    @Test
    void theReferenceConfigurationShowsTheBuiltInDefaults() {
        SyncConfig reference = ConfigLoader.load(Path.of("conf/binlog-sync.conf"),
                Map.of("BINLOG_SYNC_SOURCE_PASSWORD", "pw"));
        SyncConfig defaults = parse(MINIMAL);

        assertEquals(defaults.elasticsearch(), reference.elasticsearch());
        assertEquals(defaults.pipeline(), reference.pipeline());
        assertEquals(defaults.ddl(), reference.ddl());
        SourceConfig source = reference.source();
        assertEquals(defaults.source(), new SourceConfig(source.host(), source.port(), "sync", "pw", 4201,
                source.start(), source.connectTimeout(), source.heartbeatInterval()));
    }

    @Test
    void referenceConfigurationNeedsTheSourcePasswordFromTheEnvironment() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(Path.of("conf/binlog-sync.conf"), Map.of()));

        assertEquals(1, e.problems().size(), e.getMessage());
        ConfigProblem problem = assertProblem(e.problems(), "source.password",
                "BINLOG_SYNC_SOURCE_PASSWORD is not set", "export BINLOG_SYNC_SOURCE_PASSWORD");
        assertTrue(problem.origin().matches("binlog-sync\\.conf:\\d+"), problem.origin());
    }

    @Test
    void takesSubstitutionsFromTheGivenEnvironment() {
        SyncConfig config = ConfigLoader.parse(MINIMAL + """
                source.host = ${?DB_HOST}
                source.port = ${?DB_PORT}
                redis.uri = "redis://127.0.0.1:6379/0"
                redis.uri = ${?REDIS_URI}
                """, ORIGIN, Map.of("DB_HOST", "db2.internal", "DB_PORT", "3310"));

        assertEquals("db2.internal", config.source().host());
        assertEquals(3310, config.source().port());
        assertEquals(new RedisConfig.Standalone(new RedisConfig.Endpoint("127.0.0.1", 6379)),
                config.redis().orElseThrow().topology(),
                "an unset ${?VAR} leaves the value written before it");
    }

    @Test
    void substitutionsMayReferToOtherSettingsAndToDefaults() {
        SyncConfig config = parse(MINIMAL + """
                elasticsearch.hosts = ${elasticsearch.hosts} ["http://127.0.0.2:9200"]
                source.user = ${state.file}
                """);

        assertEquals(List.of(URI.create("http://127.0.0.1:9200"), URI.create("http://127.0.0.2:9200")),
                config.elasticsearch().hosts());
        assertEquals("/tmp/binlog-sync-state.json", config.source().user());
    }

    @Test
    void doesNotReadJavaSystemProperties() {
        // user.home is always a system property; typesafe's ConfigFactory.load() would substitute it.
        SyncConfig config = parse(MINIMAL + "source.host = ${?user.home}\n");

        assertEquals("127.0.0.1", config.source().host());
    }

    @Test
    void doesNotReadTheProcessEnvironmentWhenGivenOne() {
        String someVariable = System.getenv().keySet().stream().filter(name -> name.matches("[A-Z_]+"))
                .findFirst().orElse("PATH");

        SyncConfig config = ConfigLoader.parse(MINIMAL + "source.host = ${?" + someVariable + "}\n", ORIGIN,
                Map.of());

        assertEquals("127.0.0.1", config.source().host());
    }

    @Test
    void anEnvironmentVariableNamedLikeASectionIsIgnored() {
        SyncConfig config = ConfigLoader.parse(MINIMAL, ORIGIN, Map.of("source", "x", "redis", "y", "mappings", "z"));

        assertEquals("sync", config.source().user());
        assertEquals(Optional.empty(), config.redis());
    }

    @Test
    void anUnresolvableSubstitutionInAListNamesTheList() {
        // typesafe leaves the whole list unresolved, as it overrides the default list.
        List<ConfigProblem> problems = problems(MINIMAL + "elasticsearch.hosts = [\"http://a:9200\", ${ES_HOST}]\n");

        assertEquals(1, problems.size(), ConfigTestSupport.describe(problems));
        assertEquals(ORIGIN + ":4", assertProblem(problems, "elasticsearch.hosts", "export ES_HOST").origin());
    }

    @Test
    void reportsARequiredSubstitutionThatCannotBeResolvedWithItsPathAndVariable() {
        List<ConfigProblem> problems = problems("""
                source { user = "sync", password = ${DB_PASSWORD}, server-id = 4201 }
                state.file = ${STATE_DIR}"/state.json"
                mappings = [{ table = "shop.products", index = "products" }]
                """);

        assertEquals(2, problems.size(), ConfigTestSupport.describe(problems));
        ConfigProblem password = assertProblem(problems, "source.password", "DB_PASSWORD",
                "export DB_PASSWORD", "${?DB_PASSWORD}");
        assertEquals(ORIGIN + ":1", password.origin());
        ConfigProblem state = assertProblem(problems, "state.file", "STATE_DIR", "export STATE_DIR");
        assertEquals(ORIGIN + ":2", state.origin());
    }

    @Test
    void acceptsAnEmptyPasswordForAnAccountWithoutOne() {
        assertEquals("", parse(MINIMAL + "source.password = \"\"\n").source().password());
    }

    @Test
    void aMissingSourcePasswordSaysHowToSetIt() {
        List<ConfigProblem> problems = problems("""
                source { user = "sync", server-id = 4201 }
                state.file = "/tmp/state.json"
                mappings = [{ table = "shop.products", index = "products" }]
                """);

        assertEquals(1, problems.size());
        assertProblem(problems, "source.password", "required setting is missing",
                "password = ${?BINLOG_SYNC_SOURCE_PASSWORD}", "export BINLOG_SYNC_SOURCE_PASSWORD",
                "password = \"\"");
    }

    @Test
    void rendersOriginsAsFileNameAndLine(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("binlog-sync.conf");
        Files.writeString(file, MINIMAL + "source.port = 70000\n");

        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file, Map.of()));

        ConfigProblem problem = assertProblem(e.problems(), "source.port", "between 1 and 65535");
        assertEquals("binlog-sync.conf:4", problem.origin());
        assertTrue(problem.text().startsWith("source.port (binlog-sync.conf:4): must be between 1 and 65535"),
                problem.text());
    }

    @Test
    void aMissingFileIsOneProblemNamingThePath(@TempDir Path directory) {
        Path file = directory.resolve("absent.conf");

        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file, Map.of()));

        assertEquals(1, e.problems().size());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("conf/binlog-sync.conf"), e.getMessage());
    }

    @Test
    void aSyntaxErrorNamesTheLine() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse("source {\n  port = 3306\n  user = ]\n}\n", ORIGIN));

        assertEquals(1, e.problems().size());
        assertEquals(ORIGIN + ":3", e.problems().get(0).origin());
        assertTrue(e.problems().get(0).message().contains("fix the syntax"), e.getMessage());
    }

    @Test
    void anUnquotedIncludeKeyGetsAHintToQuoteIt() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(MINIMAL
                + "mappings = [{ table = \"shop.products\", index = \"products\"\n"
                + "  fields { include = [\"id\"] } }]\n", ORIGIN));

        assertEquals(ORIGIN + ":5", e.problems().get(0).origin());
        assertTrue(e.problems().get(0).message().contains("quote the key (\"include\" = ["), e.getMessage());
    }

    @Test
    void reportsAllProblemsAtOnceOnePerLine() {
        ConfigException e = assertThrows(ConfigException.class, () -> parse("""
                source { port = "abc", password = "pw", server-id = 0 }
                elasticsearch.bulk.max-action = 10
                mappings = [{ table = "products", index = "Products" }]
                """));

        List<String> paths = e.problems().stream().map(ConfigProblem::path).toList();
        assertEquals(List.of("source.port", "source.user", "source.server-id", "state.file",
                "elasticsearch.bulk.max-action", "mappings[0].table", "mappings[0].index"), paths);
        assertTrue(e.getMessage().startsWith("the binlog-sync configuration has 7 problems:\n"), e.getMessage());
        assertEquals(8, e.getMessage().lines().count(), e.getMessage());
        assertTrue(e.getMessage().contains("\n  source.port (test.conf:1): expected a whole number"), e.getMessage());
    }
}
