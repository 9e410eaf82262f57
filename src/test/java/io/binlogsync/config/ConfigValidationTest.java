package io.binlogsync.config;

import static io.binlogsync.config.ConfigTestSupport.MINIMAL;
import static io.binlogsync.config.ConfigTestSupport.ORIGIN;
import static io.binlogsync.config.ConfigTestSupport.assertOnlyProblem;
import static io.binlogsync.config.ConfigTestSupport.assertProblem;
import static io.binlogsync.config.ConfigTestSupport.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.binlogsync.config.FieldConversion.Kind;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each kind of mistake gives a problem at the exact path, saying what is wrong and what to do. */
class ConfigValidationTest {

    private static String mapping(String body) {
        return "mappings = [{ table = \"shop.products\", index = \"products\" }, { " + body + " }]\n";
    }

    // --- required settings -------------------------------------------------------------------------------------

    @Test
    void requiredSettingsThatAreMissingAreEachReported() {
        List<ConfigProblem> problems = problems("mappings = [{}]\n");

        assertProblem(problems, "source.user", "required setting is missing", "user = \"binlog_sync\"");
        assertProblem(problems, "source.password", "required setting is missing", "BINLOG_SYNC_SOURCE_PASSWORD");
        assertProblem(problems, "source.server-id", "required setting is missing", "unique", "4201");
        assertProblem(problems, "state.file", "required setting is missing", "state.file = \"");
        assertProblem(problems, "mappings[0].table", "required setting is missing", "shop.products");
        assertProblem(problems, "mappings[0].index", "required setting is missing", "index = \"products\"");
        assertEquals(6, problems.size(), ConfigTestSupport.describe(problems));
    }

    @Test
    void atLeastOneMappingIsRequired() {
        List<ConfigProblem> problems = problems("""
                source { user = "sync", password = "pw", server-id = 4201 }
                state.file = "/tmp/state.json"
                """);

        assertEquals(1, problems.size());
        assertProblem(problems, "mappings", "no mappings", "add at least one", "table = \"shop.products\"");
    }

    @Test
    void anEmptyMappingListIsReported() {
        assertOnlyProblem("mappings = []\n", "mappings", "no mappings", "add at least one");
    }

    @Test
    void aMissingKeyIsReportedWhereItsSectionIsWritten() {
        List<ConfigProblem> problems = problems("""
                state.file = "/tmp/state.json"
                source {
                  user = "sync"
                  password = "pw"
                }
                mappings = [{ table = "shop.products", index = "products" }]
                """);

        assertEquals(ORIGIN + ":2", assertProblem(problems, "source.server-id").origin());
    }

    // --- unknown keys ------------------------------------------------------------------------------------------

    @Test
    void unknownKeysAreReportedWithTheKeyTheyResemble() {
        assertOnlyProblem("elasticsearch.bulk.max-action = 10\n", "elasticsearch.bulk.max-action",
                "unknown key `max-action`", "did you mean `max-actions`?");
        assertOnlyProblem("source.prot = 3306\n", "source.prot", "did you mean `port`?");
        assertOnlyProblem("pipeline.retry.maxBackoff = 1s\n", "pipeline.retry.maxBackoff",
                "did you mean `max-backoff`?");
        assertOnlyProblem("mapping = []\n", "mapping", "did you mean `mappings`?");
    }

    @Test
    void unknownKeysWithoutALikelyMatchListTheKeysAllowed() {
        assertOnlyProblem("source.colour = blue\n", "source.colour", "unknown key `colour`", "remove it",
                "host, port, user, password, password-file, server-id, start, connect-timeout, heartbeat-interval");
    }

    @Test
    void unknownKeysInsideMappingsAndTheirObjectsAreReported() {
        List<ConfigProblem> problems = problems(MINIMAL + mapping("""
                table = "shop.categories", index = "categories", indx = "x"
                fields { includes = ["id"], rename { a = "b" } }
                redis { invalidat = ["c:{id}"] }
                """));

        assertProblem(problems, "mappings[1].indx", "did you mean `index`?");
        assertProblem(problems, "mappings[1].fields.includes", "did you mean `include`?");
        assertProblem(problems, "mappings[1].redis.invalidat", "did you mean `invalidate`?");
        assertEquals(3, problems.size(), ConfigTestSupport.describe(problems));
    }

    @Test
    void anUnknownKeyNamesItsLine() {
        List<ConfigProblem> problems = problems(MINIMAL + "\n\nsource.prot = 3306\n");

        assertEquals(ORIGIN + ":6", assertProblem(problems, "source.prot").origin());
    }

    // --- types and ranges --------------------------------------------------------------------------------------

    @Test
    void wrongTypesAreReported() {
        assertOnlyProblem("source.port = \"abc\"\n", "source.port", "expected a whole number", "\"abc\"",
                "usually 3306");
        assertOnlyProblem("elasticsearch.hosts = \"http://127.0.0.1:9200\"\n", "elasticsearch.hosts",
                "expected a list", "in brackets");
        assertOnlyProblem("source.user = [\"a\"]\n", "source.user", "expected a string", "quotes");
        assertOnlyProblem("elasticsearch.bulk = 5\n", "elasticsearch.bulk", "expected an object", "braces");
        assertOnlyProblem("mappings = [\"shop.products\"]\n", "mappings[0]", "expected an object", "braces");
        assertOnlyProblem("source.port = 3306.5\n", "source.port", "whole number");
        assertOnlyProblem("source.connect-timeout = 5 parsecs\n", "source.connect-timeout",
                "\"5 parsecs\" is not a duration", "500ms");
        assertOnlyProblem("elasticsearch.bulk.max-bytes = lots\n", "elasticsearch.bulk.max-bytes",
                "is not a size", "5MB");
    }

    @Test
    void numbersWrittenAsStringsAreAccepted() {
        assertEquals(3310, ConfigTestSupport.parse(MINIMAL + "source.port = \"3310\"\n").source().port());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "source.port = 0                          | source.port                     | between 1 and 65535",
            "source.port = 65536                      | source.port                     | between 1 and 65535",
            "source.server-id = 0                     | source.server-id                | unique",
            "source.server-id = 4294967296            | source.server-id                | between 1 and 4294967295",
            "elasticsearch.bulk.max-actions = 0       | elasticsearch.bulk.max-actions  | between 1 and",
            "elasticsearch.bulk.max-bytes = 999B      | elasticsearch.bulk.max-bytes    | at least 1KB",
            "elasticsearch.bulk.max-wait = 0ms        | elasticsearch.bulk.max-wait     | longer than 0",
            "elasticsearch.request-timeout = -1s      | elasticsearch.request-timeout   | longer than 0",
            "source.connect-timeout = 0s              | source.connect-timeout          | longer than 0",
            "source.heartbeat-interval = 0s           | source.heartbeat-interval       | longer than 0",
            "pipeline.queue-capacity = 0              | pipeline.queue-capacity         | between 1 and",
            "pipeline.retry.initial-backoff = 0s      | pipeline.retry.initial-backoff  | longer than 0",
            "pipeline.retry.max-backoff = 0s          | pipeline.retry.max-backoff      | longer than 0",
            "pipeline.shutdown-timeout = 0s           | pipeline.shutdown-timeout       | longer than 0",
            "pipeline.retry.max-backoff = 100ms       | pipeline.retry.initial-backoff  | at most max-backoff",
            "pipeline.in-flight-batches = 0           | pipeline.in-flight-batches      | between 1 and 16, found 0",
            "pipeline.in-flight-batches = 17          | pipeline.in-flight-batches      | between 1 and 16, found 17",
            "pipeline.in-flight-batches = -2          | pipeline.in-flight-batches      | between 1 and 16, found -2",
            "pipeline.in-flight-batches = 2.5         | pipeline.in-flight-batches      | whole number",
    })
    void outOfRangeValuesAreReported(String override, String path, String hint) {
        assertOnlyProblem(override + "\n", path, hint);
    }

    @Test
    void theLargestServerIdIsAccepted() {
        assertEquals(4_294_967_295L,
                ConfigTestSupport.parse(MINIMAL + "source.server-id = 4294967295\n").source().serverId());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 16})
    void inFlightBatchesFromOneToSixteenAreAccepted(int batches) {
        assertEquals(batches, ConfigTestSupport.parse(MINIMAL + "pipeline.in-flight-batches = " + batches + "\n")
                .pipeline().inFlightBatches());
    }

    @Test
    void aSettingSetToNullIsReportedAsHavingNoValue() {
        assertOnlyProblem("source.port = null\n", "source.port", "has no value", "use the default");
    }

    // --- enumerations and formats ------------------------------------------------------------------------------

    @Test
    void anUnknownStartPositionIsReported() {
        assertOnlyProblem("source.start = latest\n", "source.start", "`latest` is not a start position",
                "start = current", "start = earliest");
    }

    @Test
    void startPositionIgnoresCase() {
        assertEquals(StartPosition.EARLIEST,
                ConfigTestSupport.parse(MINIMAL + "source.start = EARLIEST\n").source().start());
    }

    @Test
    void anUnknownSnapshotModeIsReported() {
        assertOnlyProblem("snapshot.mode = always\n", "snapshot.mode", "`always` is not a snapshot mode",
                "mode = initial", "mode = never");
    }

    @Test
    void snapshotsAreOffByDefaultAndReadFiveThousandRowsAChunk() {
        assertEquals(new SnapshotConfig(SnapshotConfig.Mode.NEVER, 5000), ConfigTestSupport.parse(MINIMAL).snapshot());
        assertEquals(new SnapshotConfig(SnapshotConfig.Mode.INITIAL, 200), ConfigTestSupport.parse(MINIMAL
                + "snapshot { mode = initial, chunk-size = 200 }\n").snapshot());
    }

    @Test
    void mysqlsGlobalReadLockWaitsTenSecondsByDefaultAndCanBeForced() {
        assertEquals(new SnapshotConfig(SnapshotConfig.Mode.NEVER, 5000, SnapshotConfig.Locking.AUTO,
                java.time.Duration.ofSeconds(10)), ConfigTestSupport.parse(MINIMAL).snapshot());
        assertEquals(new SnapshotConfig(SnapshotConfig.Mode.NEVER, 5000, SnapshotConfig.Locking.GLOBAL_READ_LOCK,
                java.time.Duration.ofSeconds(3)), ConfigTestSupport.parse(MINIMAL
                + "snapshot { locking = global-read-lock, lock-wait-timeout = 3s }\n").snapshot());
    }

    @Test
    void anUnknownLockingIsReported() {
        assertOnlyProblem("snapshot.locking = table\n", "snapshot.locking", "`table` is not a snapshot locking",
                "locking = auto", "locking = global-read-lock");
    }

    @Test
    void aLockWaitBelowASecondIsReported() {
        assertOnlyProblem("snapshot.lock-wait-timeout = 500ms\n", "snapshot.lock-wait-timeout", "at least 1s");
    }

    @Test
    void aChunkSizeOfZeroIsReported() {
        assertOnlyProblem("snapshot.chunk-size = 0\n", "snapshot.chunk-size", "chunk-size = 5000");
    }

    @Test
    void anUnknownVersionSourceIsReported() {
        assertOnlyProblem("elasticsearch.versions = timestamp\n", "elasticsearch.versions",
                "`timestamp` is not a version source", "versions = binlog-position", "versions = gtid");
    }

    @Test
    void documentVersionsDefaultToBinlogPositions() {
        assertEquals(DocumentVersions.BINLOG_POSITION, ConfigTestSupport.parse(MINIMAL).elasticsearch().versions());
        assertEquals(DocumentVersions.GTID,
                ConfigTestSupport.parse(MINIMAL + "elasticsearch.versions = GTID\n").elasticsearch().versions());
    }

    @Test
    void aSourceHostWrittenAsAUrlIsReported() {
        assertOnlyProblem("source.host = \"mysql://db1:3306\"\n", "source.host", "not a host name",
                "source.port");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ftp://127.0.0.1:9200        | does not start with http:// or https://",
            "127.0.0.1:9200              | does not start with http:// or https://",
            "http://127.0.0.1            | has no port",
            "http://es_1:9200            | no valid host name",
            "http://127.0.0.1:9200/es    | path",
            "http://a b:9200             | is not a URL",
    })
    void elasticsearchHostsMustBeHttpUrlsWithAPort(String host, String complaint) {
        ConfigProblem problem = assertOnlyProblem(
                "elasticsearch.hosts = [\"http://127.0.0.1:9200\", \"" + host + "\"]\n",
                "elasticsearch.hosts[1]", complaint, "http://127.0.0.1:9200");
        assertEquals(ORIGIN + ":4", problem.origin());
    }

    @Test
    void anEmptyHostListIsReported() {
        assertOnlyProblem("elasticsearch.hosts = []\n", "elasticsearch.hosts", "empty", "at least one");
    }

    @Test
    void elasticsearchCredentialsComeInPairs() {
        assertOnlyProblem("elasticsearch.username = elastic\n", "elasticsearch.password",
                "username is set but password is not", "BINLOG_SYNC_ES_PASSWORD");
        assertOnlyProblem("elasticsearch.password = secret\n", "elasticsearch.username",
                "password is set but username is not");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "http://127.0.0.1:6379/0     | does not start with redis:// or rediss://",
            "127.0.0.1:6379              | does not start with redis:// or rediss://",
            "redis://127.0.0.1:6379/x    | not a number",
            "redis://cache_1:6379        | no valid host name",
    })
    void theRedisUriMustBeRedisOrRediss(String uri, String complaint) {
        assertOnlyProblem("redis.uri = \"" + uri + "\"\n", "redis.uri", complaint, "redis://127.0.0.1:6379/0");
    }

    @Test
    void aRedisSectionNeedsAUri() {
        assertOnlyProblem("redis {}\n", "redis.uri", "required setting is missing", "redis://127.0.0.1:6379/0",
                "remove the redis section");
    }

    @Test
    void invalidatingKeysNeedsTheRedisSection() {
        assertOnlyProblem(mapping("table = \"shop.categories\", index = \"categories\","
                        + " redis.invalidate = [\"category:{id}\"]"),
                "mappings[1].redis.invalidate", "no top-level redis section", "redis { uri = ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"products", "shop", ".products", "shop."})
    void aTableNotOfTheFormDatabaseDotTableIsReported(String table) {
        assertOnlyProblem(mapping("table = \"" + table + "\", index = \"categories\""), "mappings[1].table",
                "database.table", "shop.products");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''           | empty",
            "Products     | uppercase",
            "-products    | starts with '-'",
            "_products    | starts with '_'",
            "+products    | starts with '+'",
            "prod*ucts    | contains '*'",
            "prod ucts    | contains ' '",
            "prod,ucts    | contains ','",
            "prod#ucts    | contains '#'",
            "prod/ucts    | contains '/'",
            "..           | not a valid index name",
    })
    void indexNamesElasticsearchForbidsAreReported(String index, String complaint) {
        assertOnlyProblem(mapping("table = \"shop.categories\", index = \"" + index + "\""), "mappings[1].index",
                complaint);
    }

    @Test
    void anUppercaseIndexSuggestsTheLowercaseName() {
        assertOnlyProblem(mapping("table = \"shop.categories\", index = \"Categories\""), "mappings[1].index",
                "write `categories`");
    }

    // --- key templates and fields ------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "product:{id           | '{' is not closed",
            "product:id}           | unmatched '}'",
            "product:{}            | empty placeholder",
            "product:{a{b}}        | '{' is not closed",
            "''                    | empty",
    })
    void keyTemplateSyntaxErrorsAreReported(String template, String complaint) {
        ConfigProblem problem = assertOnlyProblem("redis.uri = \"redis://127.0.0.1:6379/0\"\n" + mapping(
                        "table = \"shop.categories\", index = \"categories\"\n"
                                + "redis.invalidate = [\"category:{id}\", \"" + template + "\"]"),
                "mappings[1].redis.invalidate[1]", complaint, "e.g.");
        assertEquals(ORIGIN + ":6", problem.origin());
    }

    @Test
    void escapedBracesInKeyTemplatesAreAccepted() {
        SyncConfig config = ConfigTestSupport.parse(MINIMAL + "redis.uri = \"redis://127.0.0.1:6379/0\"\n"
                + mapping("table = \"shop.categories\", index = \"categories\","
                + " redis.invalidate = [\"{{literal}}:{id}\"]"));

        assertEquals(List.of("{{literal}}:{id}"), config.mappings().get(1).redisInvalidate());
    }

    @Test
    void aColumnInBothIncludeAndExcludeIsReported() {
        assertOnlyProblem(mapping("table = \"shop.categories\", index = \"categories\","
                        + " fields { \"include\" = [\"id\", \"name\"], exclude = [\"secret\", \"name\"] }"),
                "mappings[1].fields.exclude[1]", "`name` is in both include and exclude", "keep it in one list");
    }

    @Test
    void renameTargetsThatCollideAreReported() {
        assertOnlyProblem(mapping("table = \"shop.categories\", index = \"categories\","
                        + " fields.rename { title = \"name\", label = \"name\" }"),
                "mappings[1].fields.rename", "`label`, `title` are all renamed to `name`", "different name");
    }

    @Test
    void aRenameOntoAnIncludedColumnIsReported() {
        assertOnlyProblem(mapping("table = \"shop.categories\", index = \"categories\","
                        + " fields { \"include\" = [\"title\", \"name\"], rename { title = \"name\" } }"),
                "mappings[1].fields.rename", "column `name` is also copied", "rename or exclude `name`");
    }

    @Test
    void swappingTwoColumnNamesIsAllowed() {
        SyncConfig config = ConfigTestSupport.parse(MINIMAL + mapping("table = \"shop.categories\","
                + " index = \"categories\", fields { \"include\" = [\"a\", \"b\"], rename { a = \"b\", b = \"a\" } }"));

        assertEquals(2, config.mappings().get(1).fields().rename().size());
    }

    @Test
    void renamingAnExcludedColumnIsReported() {
        assertOnlyProblem(mapping("table = \"shop.categories\", index = \"categories\","
                        + " fields { exclude = [\"note\"], rename { note = \"remark\" } }"),
                "mappings[1].fields.rename.note", "is excluded", "remove it from exclude or from rename");
    }

    @Test
    void emptyAndRepeatedColumnNamesAreReported() {
        List<ConfigProblem> problems = problems(MINIMAL + mapping("table = \"shop.categories\","
                + " index = \"categories\", id = [\"id\", \"id\"], fields.include = [\"\"]"));

        assertProblem(problems, "mappings[1].id[1]", "listed twice");
        assertProblem(problems, "mappings[1].fields.include[0]", "column name is empty");
        assertEquals(2, problems.size(), ConfigTestSupport.describe(problems));
    }

    // --- conversions -------------------------------------------------------------------------------------------

    @Test
    void conversionsAreReadByNameOrAsAnObject() {
        SyncConfig config = ConfigTestSupport.parse(MINIMAL + mapping("table = \"shop.categories\","
                + " index = \"categories\", fields.convert { attributes = json, colors = SPLIT,"
                + " created_ms = epoch-millis, code = string, tags { to = split, separator = \";\" },"
                + " labels { to = split }, meta { to = json } }"));

        assertEquals(Map.of("attributes", FieldConversion.of(Kind.JSON), "colors", FieldConversion.of(Kind.SPLIT),
                        "created_ms", FieldConversion.of(Kind.EPOCH_MILLIS), "code", FieldConversion.of(Kind.STRING),
                        "tags", new FieldConversion(Kind.SPLIT, ";"), "labels", FieldConversion.of(Kind.SPLIT),
                        "meta", FieldConversion.of(Kind.JSON)),
                config.mappings().get(1).fields().convert());
        assertEquals(Map.of(), config.mappings().get(0).fields().convert(), "default: no conversion");
    }

    @Test
    void anUnknownConversionListsTheValidOnes() {
        ConfigProblem problem = assertOnlyProblem(mapping("table = \"shop.categories\", index = \"categories\"\n"
                        + "fields.convert { colors = splitt }"),
                "mappings[1].fields.convert.colors", "`splitt` is not a conversion",
                "write one of json, split, epoch-millis, string");
        assertEquals(ORIGIN + ":5", problem.origin());
    }

    @Test
    void convertingAnExcludedColumnIsReported() {
        assertOnlyProblem(mapping("table = \"shop.categories\", index = \"categories\","
                        + " fields { exclude = [\"note\"], convert { note = string } }"),
                "mappings[1].fields.convert.note", "column `note` is excluded", "remove it from exclude or from convert");
    }

    @Test
    void convertingAColumnLeftOutOfIncludeIsReported() {
        assertOnlyProblem(mapping("table = \"shop.categories\", index = \"categories\","
                        + " fields { \"include\" = [\"id\"], convert { note = string } }"),
                "mappings[1].fields.convert.note", "column `note` is not in include", "add it to include");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "'\"\" = json'                  | mappings[1].fields.convert.\"\"",
            "'\"  \" = json'                | mappings[1].fields.convert.\"  \"",
    })
    void anEmptyColumnNameInConvertIsReported(String entry, String path) {
        assertOnlyProblem(mapping("table = \"shop.categories\", index = \"categories\", fields.convert { "
                + entry + " }"), path, "the column name is empty", "remove the entry");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "colors { separator = \";\" }                 | colors.to        | required setting is missing; name the conversion, e.g. to = split",
            "colors { to = splitt }                       | colors.to        | `splitt` is not a conversion; write one of json, split",
            "colors { to = json, separator = \";\" }      | colors.separator | only split takes a separator",
            "colors { to = split, separator = \"\" }      | colors.separator | the separator is empty",
            "colors { to = split, seperator = \";\" }     | colors.seperator | did you mean `separator`?",
            "colors = [split]                             | colors           | expected a string",
            "colors = null                                | colors           | has no value",
    })
    void conversionEntriesThatAreWrongAreReported(String entry, String path, String complaint) {
        assertOnlyProblem(mapping("table = \"shop.categories\", index = \"categories\", fields.convert { "
                + entry + " }"), "mappings[1].fields.convert." + path, complaint);
    }

    @Test
    void convertMustBeAnObject() {
        assertOnlyProblem(mapping("table = \"shop.categories\", index = \"categories\", fields.convert = json"),
                "mappings[1].fields.convert", "expected an object", "braces");
    }

    @Test
    void aMisspeltConvertKeyGetsAHint() {
        assertOnlyProblem(mapping("table = \"shop.categories\", index = \"categories\", fields.conver.a = json"),
                "mappings[1].fields.conver", "did you mean `convert`?");
    }

    @Test
    void everyBrokenConversionIsReportedAtOnce() {
        List<ConfigProblem> problems = problems(MINIMAL + mapping("table = \"shop.categories\","
                + " index = \"categories\", fields.convert { a = jsn, b = split, c { to = strng } }"));

        assertProblem(problems, "mappings[1].fields.convert.a", "`jsn` is not a conversion");
        assertProblem(problems, "mappings[1].fields.convert.c.to", "`strng` is not a conversion");
        assertEquals(2, problems.size(), ConfigTestSupport.describe(problems));
    }

    @Test
    void aBrokenMappingDoesNotHideProblemsInTheOthers() {
        List<ConfigProblem> problems = problems(MINIMAL + "mappings = [\"shop.products\","
                + " { table = \"shop.categories\", index = \"Categories\" }]\n");

        assertProblem(problems, "mappings[0]", "expected an object", "braces");
        assertProblem(problems, "mappings[1].index", "uppercase");
        assertEquals(2, problems.size(), ConfigTestSupport.describe(problems));
    }

    @Test
    void redisSetToNullMeansNoRedis() {
        assertEquals(java.util.Optional.empty(),
                ConfigTestSupport.parse(MINIMAL + "redis.uri = \"redis://h:6379\"\nredis = null\n").redis());
    }

    @Test
    void aDefaultedObjectSetToNullSaysToDeleteTheLine() {
        assertOnlyProblem(mapping("table = \"shop.categories\", index = \"categories\", redis = null"),
                "mappings[1].redis.invalidate", "has no value", "delete the line to use the default");
    }

    @Test
    void theSameTableAndIndexTwiceIsReported() {
        assertOnlyProblem("mappings = [{ table = \"shop.products\", index = \"products\" },"
                        + " { table = \"shop.products\", index = \"products\" }]\n",
                "mappings[1]", "again, as mappings[0] does", "remove one");
    }

    @Test
    void oneTableMayFeedSeveralIndices() {
        SyncConfig config = ConfigTestSupport.parse(MINIMAL
                + mapping("table = \"shop.products\", index = \"products-v2\""));

        assertEquals(2, config.mappings().size());
    }
}
