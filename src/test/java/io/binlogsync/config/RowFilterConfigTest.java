package io.binlogsync.config;

import static io.binlogsync.config.ConfigTestSupport.MINIMAL;
import static io.binlogsync.config.ConfigTestSupport.assertOnlyProblem;
import static io.binlogsync.config.ConfigTestSupport.assertProblem;
import static io.binlogsync.config.ConfigTestSupport.parse;
import static io.binlogsync.config.ConfigTestSupport.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.binlogsync.config.RowFilterConfig.All;
import io.binlogsync.config.RowFilterConfig.Any;
import io.binlogsync.config.RowFilterConfig.Condition;
import io.binlogsync.config.RowFilterConfig.Operator;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** A mapping's {@code filter}: the structured form, and every problem at its path. */
class RowFilterConfigTest {

    private static String mapping(String filter) {
        return "mappings = [{ table = \"shop.products\", index = \"products\", filter " + filter + " }]\n";
    }

    private static Optional<RowFilterConfig> filterOf(String filter) {
        return parse(MINIMAL + mapping(filter)).mappings().get(0).filter();
    }

    @Test
    void aMappingWithoutFilterKeepsEveryRow() {
        assertEquals(Optional.empty(), parse(MINIMAL).mappings().get(0).filter());
    }

    @Test
    void oneConditionIsReadWithItsPaths() {
        assertEquals(Optional.of(new Condition("mappings[0].filter.not-in", "mappings[0].filter.column", "status",
                        Operator.NOT_IN, List.of("draft", "hidden"))),
                filterOf("{ column = status, not-in = [draft, hidden] }"));
    }

    @Test
    void allAndAnyNestWithEveryOperator() {
        RowFilterConfig filter = filterOf("""
                {
                  all = [
                    { column = status, equals = published }
                    { column = deleted_at, is-null = true }
                    { any = [
                        { column = price, gte = 10, lt = "99.50" }
                        { column = featured, not-equals = false }
                        { column = sku, in = [A-1, 42] }
                        { column = note, is-null = false }
                    ] }
                  ]
                }""").orElseThrow();
        String any = "mappings[0].filter.all[2]";
        // the tests of one condition come in a fixed order: equals, not-equals, lt, lte, gt, gte, in, not-in, is-null
        assertEquals(new All("mappings[0].filter", List.of(
                new Condition("mappings[0].filter.all[0].equals", "mappings[0].filter.all[0].column", "status",
                        Operator.EQUALS, List.of("published")),
                new Condition("mappings[0].filter.all[1].is-null", "mappings[0].filter.all[1].column", "deleted_at",
                        Operator.IS_NULL, List.of()),
                new Any(any, List.of(
                        new All(any + ".any[0]", List.of(
                                new Condition(any + ".any[0].lt", any + ".any[0].column", "price", Operator.LT,
                                        List.of("99.50")),
                                new Condition(any + ".any[0].gte", any + ".any[0].column", "price", Operator.GTE,
                                        List.of("10")))),
                        new Condition(any + ".any[1].not-equals", any + ".any[1].column", "featured",
                                Operator.NOT_EQUALS, List.of("false")),
                        new Condition(any + ".any[2].in", any + ".any[2].column", "sku", Operator.IN,
                                List.of("A-1", "42")),
                        new Condition(any + ".any[3].is-null", any + ".any[3].column", "note", Operator.IS_NOT_NULL,
                                List.of()))))), filter);
    }

    @Test
    void unquotedNumbersKeepTheirTextAsWritten() {
        assertEquals(Optional.of(new Condition("mappings[0].filter.in", "mappings[0].filter.column", "code",
                        Operator.IN, List.of("007", "1.50", "1e3", "7.0", "-0", "true", "1.50 kg"))),
                filterOf("{ column = code, in = [007, 1.50, 1e3, 7.0, -0, true, 1.50 kg] }"));
        assertEquals(Optional.of(new Condition("mappings[0].filter.not-in", "mappings[0].filter.column", "code",
                        Operator.NOT_IN, List.of("007"))),
                filterOf("{ column = code, not-in = [007] }"));
        assertEquals(Optional.of(new Condition("mappings[0].filter.equals", "mappings[0].filter.column", "code",
                        Operator.EQUALS, List.of("007"))),
                filterOf("{ column = code, equals = 007 }"));
        assertEquals(Optional.of(new Condition("mappings[0].filter.lt", "mappings[0].filter.column", "price",
                        Operator.LT, List.of("1.50"))),
                filterOf("{ column = price, lt = 1.50 }"));
    }

    /** The commented example of conf/binlog-sync.conf and the one of docs/filters.md, as a user would paste them. */
    @Test
    void theDocumentedExamplesParse() throws Exception {
        String conf = java.nio.file.Files.readString(java.nio.file.Path.of("conf/binlog-sync.conf"));
        int start = conf.indexOf("    # filter {");
        String example = conf.substring(start, conf.indexOf("    # }", start) + "    # }".length())
                .replaceAll("(?m)^    # ", "");
        assertEquals(2, ((All) filterOf(example.substring("filter ".length())).orElseThrow()).parts().size());

        String docs = java.nio.file.Files.readString(java.nio.file.Path.of("docs/filters.md"));
        String block = docs.substring(docs.indexOf("```hocon") + "```hocon".length(), docs.indexOf("```", docs.indexOf(
                "```hocon") + 8));
        String hocon = MINIMAL + "redis.uri = \"redis://127.0.0.1:6379/0\"\n" + block;
        assertEquals(3, ((All) parse(hocon).mappings().get(0).filter().orElseThrow()).parts().size());
    }

    // --- problems ----------------------------------------------------------------------------------------------

    @Test
    void aFilterWrittenAsTextIsRefused() {
        assertOnlyProblem(mapping("= \"status != 'draft'\""), "mappings[0].filter", "expected an object",
                "filter { ... }");
    }

    @Test
    void aConditionWithoutATestNamesTheOperators() {
        assertOnlyProblem(mapping("{ column = status }"), "mappings[0].filter", "column 'status' has no test",
                "not-in");
    }

    @Test
    void anUnknownOperatorIsSuggestedTheKnownOne() {
        assertOnlyProblem(mapping("{ column = status, notin = [draft] }"), "mappings[0].filter.notin",
                "unknown key `notin`", "did you mean `not-in`?");
    }

    @Test
    void aColumnBesideAllIsRefused() {
        assertOnlyProblem(mapping("{ column = status, all = [{ column = a, equals = 1 }] }"), "mappings[0].filter",
                "mixes column, all", "either a condition");
    }

    @Test
    void anOperatorBesideAnyBelongsInAnElement() {
        assertOnlyProblem(mapping("{ any = [{ column = a, equals = 1 }], equals = 2 }"), "mappings[0].filter.equals",
                "belongs to a condition", "move it into one of the any elements");
    }

    @Test
    void emptyListsAreRefused() {
        List<ConfigProblem> problems = problems(MINIMAL + mapping("{ all = [{ column = a, in = [] },"
                + " { column = b, not-in = [] }, { any = [] }] }"));
        assertProblem(problems, "mappings[0].filter.all[0].in", "keeps no row");
        assertProblem(problems, "mappings[0].filter.all[1].not-in", "keeps every row");
        assertProblem(problems, "mappings[0].filter.all[2].any", "an empty any list");
        assertEquals(3, problems.size(), ConfigTestSupport.describe(problems));
    }

    @Test
    void isNullBesideAComparisonKeepsNothingAndIsRefused() {
        assertOnlyProblem(mapping("{ column = deleted_at, is-null = true, gt = \"2024-01-01\" }"),
                "mappings[0].filter.is-null", "keeps no row");
    }

    @Test
    void isNullTakesOnlyTrueOrFalse() {
        assertOnlyProblem(mapping("{ column = deleted_at, is-null = maybe }"), "mappings[0].filter.is-null",
                "is-null = false");
    }

    @Test
    void aListWhereOneValueIsExpectedIsRefused() {
        assertOnlyProblem(mapping("{ column = status, equals = [a, b] }"), "mappings[0].filter.equals",
                "expected a string");
    }

    @Test
    void anElementThatIsNotAnObjectIsRefused() {
        assertOnlyProblem(mapping("{ all = [ status ] }"), "mappings[0].filter.all[0]", "expected an object");
    }

    @Test
    void aDeepProblemNamesItsFullPath() {
        assertOnlyProblem(mapping("{ all = [{ any = [{ column = a, equals = 1 }, { colum = b, equals = 2 }] }] }"),
                "mappings[0].filter.all[0].any[1]", "names no column");
    }
}
