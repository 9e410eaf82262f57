package io.binlogsync.mapping;

import io.binlogsync.config.ConfigException;
import io.binlogsync.config.ConfigProblem;
import io.binlogsync.config.MappingConfig;
import io.binlogsync.config.MappingConfigBuilder;
import io.binlogsync.config.RowFilterConfig;
import io.binlogsync.config.RowFilterConfig.Condition;
import io.binlogsync.config.RowFilterConfig.Operator;
import io.binlogsync.event.MysqlTime;
import io.binlogsync.event.RowImage;
import io.binlogsync.event.TableColumns;
import io.binlogsync.event.TableId;
import io.binlogsync.event.UnrepresentableValue;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The compiled predicate: how a literal compares with each kind of decoded value, NULLs, all/any, column checks. */
class RowFilterTest {
    private static final TableId ITEMS = TableId.parse("shop.items");
    private static final List<String> NAMES = List.of("id", "qty", "big", "price", "weight", "ratio", "title",
            "status", "tags", "created", "seen", "day", "took", "deleted_at", "made");
    private static final TableColumns COLUMNS = new TableColumns(NAMES, List.of("id"));

    /** A row of ITEMS: the named columns hold the given values, the others NULL. */
    private static RowImage row(Object... pairs) {
        Object[] values = new Object[NAMES.size()];
        for (int i = 0; i < pairs.length; i += 2) {
            values[NAMES.indexOf((String) pairs[i])] = pairs[i + 1];
        }
        return new RowImage(COLUMNS, values);
    }

    private static Condition test(String column, Operator operator, String... literals) {
        return new Condition("mappings[0].filter." + operator.key(), "mappings[0].filter.column", column, operator,
                Arrays.asList(literals));
    }

    private static RowFilter compile(RowFilterConfig config) {
        MappingConfig mapping = MappingConfigBuilder.mapping("mappings[0]", ITEMS, "items").filter(Optional.of(config))
                .build();
        return MappingCompiler.compile(List.of(mapping), table -> Optional.of(COLUMNS)).get(0).filter();
    }

    private static boolean keeps(Condition condition, Object... pairs) {
        return compile(condition).keeps(row(pairs));
    }

    @Test
    void integersCompareAsNumbersWhateverTheLiteralsSpelling() {
        assertTrue(keeps(test("qty", Operator.EQUALS, "5"), "qty", 5L));
        assertTrue(keeps(test("qty", Operator.EQUALS, "5.0"), "qty", 5L));
        assertFalse(keeps(test("qty", Operator.EQUALS, "5"), "qty", 6L));
        assertTrue(keeps(test("qty", Operator.IN, "1", "2", "3"), "qty", 2L));
        assertFalse(keeps(test("qty", Operator.NOT_IN, "1", "2", "3"), "qty", 2L));
        assertTrue(keeps(test("qty", Operator.LT, "10"), "qty", 9L));
        assertFalse(keeps(test("qty", Operator.LT, "10"), "qty", 10L));
        assertTrue(keeps(test("qty", Operator.LTE, "10"), "qty", 10L));
        assertTrue(keeps(test("qty", Operator.GT, "-1"), "qty", 0L));
        assertFalse(keeps(test("qty", Operator.GTE, "9.5"), "qty", 9L));
        assertTrue(keeps(test("qty", Operator.GTE, "9.5"), "qty", 10L));
        // BOOL is TINYINT(1): true and false are 1 and 0
        assertTrue(keeps(test("qty", Operator.EQUALS, "true"), "qty", 1L));
        assertTrue(keeps(test("qty", Operator.NOT_EQUALS, "false"), "qty", 1L));
    }

    @Test
    void bigUnsignedIntegersAndDecimalsCompareExactly() {
        BigInteger max = new BigInteger("18446744073709551615");
        assertTrue(keeps(test("big", Operator.EQUALS, "18446744073709551615"), "big", max));
        assertFalse(keeps(test("big", Operator.EQUALS, "18446744073709551614"), "big", max));
        assertTrue(keeps(test("big", Operator.GT, "9223372036854775807"), "big", max));
        assertTrue(keeps(test("price", Operator.EQUALS, "19.9"), "price", new BigDecimal("19.90")));
        assertTrue(keeps(test("price", Operator.LT, "19.91"), "price", new BigDecimal("19.90")));
        assertFalse(keeps(test("price", Operator.GT, "19.90"), "price", new BigDecimal("19.90")));
    }

    @Test
    void floatsAndDoublesCompareAsTheServerDoes() {
        assertTrue(keeps(test("ratio", Operator.EQUALS, "0.1"), "ratio", 0.1d));
        // a FLOAT holds 0.1f, whose double is not 0.1: WHERE f = 0.1 finds nothing on the server either
        assertFalse(keeps(test("weight", Operator.EQUALS, "0.1"), "weight", 0.1f));
        assertTrue(keeps(test("weight", Operator.LT, "0.2"), "weight", 0.1f));
    }

    @Test
    void textComparesExactlyByCodePoint() {
        assertTrue(keeps(test("title", Operator.EQUALS, "Lamp"), "title", "Lamp"));
        assertFalse(keeps(test("title", Operator.EQUALS, "lamp"), "title", "Lamp"));
        assertFalse(keeps(test("title", Operator.EQUALS, "Lamp"), "title", "Lamp "));
        assertTrue(keeps(test("title", Operator.EQUALS, "42"), "title", "42"));
        assertFalse(keeps(test("title", Operator.EQUALS, "42"), "title", "42.0"));
        assertTrue(keeps(test("title", Operator.LT, "b"), "title", "abc"));
        assertTrue(keeps(test("title", Operator.GT, "\uffff"), "title", "\ud83d\ude00"));
    }

    /** The filter {@code conditions} (HOCON) gives the mapping of ITEMS, read as the daemon reads its config. */
    private static RowFilter fromConfig(String conditions) {
        String hocon = """
                source { user = "sync", password = "pw", server-id = 4201 }
                state.file = "/tmp/binlog-sync-state.json"
                mappings = [{ table = "shop.items", index = "items", filter %s }]
                """.formatted(conditions);
        MappingConfig mapping = io.binlogsync.config.ConfigLoader.parse(hocon, "test.conf").mappings().get(0);
        return MappingCompiler.compile(List.of(mapping), table -> Optional.of(COLUMNS)).get(0).filter();
    }

    @Test
    void unquotedNumbersInTheConfigMatchTextAsWrittenAndNumbersByValue() {
        RowFilter in = fromConfig("{ column = title, in = [007, 1.50] }");
        assertTrue(in.keeps(row("title", "007")));
        assertTrue(in.keeps(row("title", "1.50")));
        assertFalse(in.keeps(row("title", "7")));
        assertFalse(in.keeps(row("title", "1.5")));
        RowFilter numbers = fromConfig("{ column = qty, in = [007, 1.50] }");
        assertTrue(numbers.keeps(row("qty", 7L)));
        assertFalse(numbers.keeps(row("qty", 1L)));
        assertTrue(fromConfig("{ column = price, in = [007, 1.50] }").keeps(row("price", new BigDecimal("1.5"))));
        assertFalse(fromConfig("{ column = title, not-in = [007] }").keeps(row("title", "007")));
        assertTrue(fromConfig("{ column = title, equals = 007 }").keeps(row("title", "007")));
        assertTrue(fromConfig("{ column = qty, equals = 007 }").keeps(row("qty", 7L)));
        assertTrue(fromConfig("{ column = title, not-equals = 1.50 }").keeps(row("title", "1.5")));
        assertTrue(fromConfig("{ column = title, lt = 1.50 }").keeps(row("title", "1.5")),
                "text compares by code point: \"1.5\" < \"1.50\"");
        assertTrue(fromConfig("{ column = price, gte = 1.50 }").keeps(row("price", new BigDecimal("1.50"))));
    }

    @Test
    void enumsCompareByLabelAndSetsByTheirJoinedLabels() {
        assertTrue(keeps(test("status", Operator.NOT_IN, "draft", "hidden"), "status", "published"));
        assertFalse(keeps(test("status", Operator.NOT_IN, "draft", "hidden"), "status", "draft"));
        // by label, not by the ENUM's index: "archived" < "draft" whatever the order of the labels
        assertTrue(keeps(test("status", Operator.LT, "draft"), "status", "archived"));
        assertTrue(keeps(test("tags", Operator.EQUALS, "red,blue"), "tags", List.of("red", "blue")));
        assertTrue(keeps(test("tags", Operator.EQUALS, ""), "tags", List.of()));
    }

    @Test
    void dateTimesCompareChronologically() {
        LocalDateTime created = LocalDateTime.of(2024, 5, 6, 7, 8, 9, 500_000_000);
        assertTrue(keeps(test("created", Operator.EQUALS, "2024-05-06 07:08:09.5"), "created", created));
        assertTrue(keeps(test("created", Operator.EQUALS, "2024-05-06T07:08:09.500"), "created", created));
        assertTrue(keeps(test("created", Operator.GT, "2024-05-06T07:08:09"), "created", created));
        assertTrue(keeps(test("created", Operator.GTE, "2024-05-06"), "created", created));
        assertTrue(keeps(test("created", Operator.LT, "2024-05-07"), "created", created));
        assertFalse(keeps(test("created", Operator.LT, "2024-05-06"), "created", created));
    }

    @Test
    void timestampsAreInstantsAndALiteralWithoutZoneIsUtc() {
        Instant seen = Instant.parse("2024-05-06T01:38:09Z");
        assertTrue(keeps(test("seen", Operator.EQUALS, "2024-05-06T01:38:09Z"), "seen", seen));
        assertTrue(keeps(test("seen", Operator.EQUALS, "2024-05-06T03:38:09+02:00"), "seen", seen));
        assertTrue(keeps(test("seen", Operator.EQUALS, "2024-05-06 01:38:09"), "seen", seen));
        assertTrue(keeps(test("seen", Operator.LT, "2024-05-06T02:00:00Z"), "seen", seen));
    }

    @Test
    void datesAndTimesHaveTheirOwnLiterals() {
        assertTrue(keeps(test("day", Operator.GTE, "2024-01-01"), "day", LocalDate.of(2024, 5, 6)));
        assertTrue(keeps(test("took", Operator.LT, "00:00:00"), "took", new MysqlTime(true, 12, 30, 0, 0)));
        assertTrue(keeps(test("took", Operator.GT, "99:59:59.999999"), "took", new MysqlTime(false, 100, 0, 0, 0)));
        assertTrue(keeps(test("took", Operator.EQUALS, "01:02:03.5"), "took", new MysqlTime(false, 1, 2, 3, 500_000)));
    }

    @Test
    void nullSatisfiesOnlyIsNullAsInAnSqlWhere() {
        assertTrue(keeps(test("deleted_at", Operator.IS_NULL)));
        assertFalse(keeps(test("deleted_at", Operator.IS_NOT_NULL)));
        assertFalse(keeps(test("deleted_at", Operator.IS_NULL), "deleted_at", LocalDateTime.of(2024, 1, 1, 0, 0)));
        assertTrue(keeps(test("deleted_at", Operator.IS_NOT_NULL), "deleted_at", LocalDateTime.of(2024, 1, 1, 0, 0)));
        for (Operator operator : List.of(Operator.EQUALS, Operator.NOT_EQUALS, Operator.IN, Operator.NOT_IN,
                Operator.LT, Operator.LTE, Operator.GT, Operator.GTE)) {
            assertFalse(keeps(test("status", operator, "draft")), operator.key());
        }
    }

    @Test
    void aZeroDateIsNotNullAndComparesAsTheServersText() {
        Object zero = new UnrepresentableValue("0000-00-00 00:00:00");
        assertTrue(keeps(test("deleted_at", Operator.IS_NOT_NULL), "deleted_at", zero));
        assertTrue(keeps(test("deleted_at", Operator.EQUALS, "0000-00-00 00:00:00"), "deleted_at", zero));
        assertTrue(keeps(test("deleted_at", Operator.LT, "2000-01-01"), "deleted_at", zero));
    }

    @Test
    void allAndAnyNest() {
        RowFilter filter = compile(new RowFilterConfig.All("mappings[0].filter", List.of(
                test("status", Operator.NOT_IN, "draft"),
                test("deleted_at", Operator.IS_NULL),
                new RowFilterConfig.Any("mappings[0].filter.all[2]", List.of(
                        test("qty", Operator.GT, "0"), test("title", Operator.EQUALS, "preorder"))))));
        assertTrue(filter.keeps(row("status", "published", "qty", 1L)));
        assertTrue(filter.keeps(row("status", "published", "qty", 0L, "title", "preorder")));
        assertFalse(filter.keeps(row("status", "published", "qty", 0L, "title", "Lamp")));
        assertFalse(filter.keeps(row("status", "draft", "qty", 1L)));
        assertFalse(filter.keeps(row("status", "published", "qty", 1L, "deleted_at", LocalDateTime.now())));
        assertFalse(filter.keeps(row("qty", 1L)));
    }

    @Test
    void aLiteralThatCannotCompareStopsNamingThePathColumnAndForm() {
        RowFilter filter = compile(test("created", Operator.LT, "yesterday"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> filter.keeps(row("created", LocalDateTime.of(2024, 1, 1, 0, 0))));
        assertEquals("mappings[0].filter.lt: column 'created': 'yesterday' does not compare with the column's value,"
                + " which is a date-time; write the literal as 2024-05-06T07:08:09, 2024-05-06 07:08:09.5 or"
                + " 2024-05-06 (midnight)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> compile(test("qty", Operator.EQUALS, "many"))
                .keeps(row("qty", 1L)));
        assertThrows(IllegalArgumentException.class, () -> compile(test("day", Operator.EQUALS, "2024-01-01 10:00"))
                .keeps(row("day", LocalDate.of(2024, 1, 1))));
    }

    @Test
    void literalsAreCheckedAgainstTheColumnsKindOfValueBeforeAnyRow() {
        RowFilter filter = compile(new RowFilterConfig.All("mappings[0].filter", List.of(
                new Condition("mappings[0].filter.all[0].lt", "mappings[0].filter.all[0].column", "created",
                        Operator.LT, List.of("yesterday")),
                new Condition("mappings[0].filter.all[1].in", "mappings[0].filter.all[1].column", "qty",
                        Operator.IN, List.of("1", "many")),
                test("title", Operator.EQUALS, "anything"),
                test("deleted_at", Operator.IS_NULL))));
        java.util.Map<String, Object> samples = java.util.Map.of("created", LocalDateTime.of(1970, 1, 1, 0, 0),
                "qty", 0L, "title", "", "deleted_at", LocalDateTime.of(1970, 1, 1, 0, 0));
        List<ConfigProblem> problems = filter.literalProblems(column -> Optional.ofNullable(samples.get(column)));
        assertEquals(List.of("mappings[0].filter.all[0].lt", "mappings[0].filter.all[1].in"),
                problems.stream().map(ConfigProblem::path).toList());
        assertTrue(problems.get(1).message().startsWith("column 'qty': 'many' does not compare with the column's"
                + " value, which is a number"), problems.get(1).message());
        assertEquals(List.of(), compile(test("qty", Operator.GT, "0")).literalProblems(column -> Optional.of(0L)));
    }

    @Test
    void aColumnTheTableLacksIsAProblemAtTheColumnsPath() {
        ConfigException e = assertThrows(ConfigException.class, () -> compile(new RowFilterConfig.All(
                "mappings[0].filter", List.of(new Condition("mappings[0].filter.all[1].is-null",
                        "mappings[0].filter.all[1].column", "deleted", Operator.IS_NULL, List.of())))));
        ConfigProblem problem = e.problems().get(0);
        assertEquals("mappings[0].filter.all[1].column", problem.path());
        assertTrue(problem.message().startsWith("table shop.items has no column 'deleted' (it has id, qty,"),
                problem.message());
    }

    @Test
    void aTableThatLostTheFiltersColumnNoLongerFits() {
        MappingConfig mapping = MappingConfigBuilder.mapping("mappings[0]", ITEMS, "items")
                .filter(Optional.of(test("status", Operator.EQUALS, "x"))).build();
        TableMapping compiled = MappingCompiler.compile(List.of(mapping), table -> Optional.of(COLUMNS)).get(0);
        assertEquals(List.of("filter column 'status'"),
                compiled.missingColumns(new TableColumns(List.of("id", "qty"), List.of("id"))));
        assertTrue(compiled.missingColumns(COLUMNS).isEmpty());
    }

    @Test
    void noFilterKeepsEveryRow() {
        assertTrue(RowFilter.ALL_ROWS.keepsAll());
        assertTrue(RowFilter.ALL_ROWS.keeps(row()));
    }
}
