package io.binlogsync.config;

import com.typesafe.config.ConfigFactory;
import io.binlogsync.config.RowFilterConfig.Operator;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a mapping's {@code filter}: a node is either a condition on one column
 * ({@code { column = status, not-in = [draft] }}, several operators meaning all of them) or a combination
 * ({@code { all = [...] }} / {@code { any = [...] }}) of nodes. Every problem names the node's config path.
 */
final class RowFilterConfigReader {
    private static final List<String> VALUE_OPERATORS = List.of("equals", "not-equals", "lt", "lte", "gt", "gte");
    private static final List<String> LIST_OPERATORS = List.of("in", "not-in");
    private static final String OPERATORS = "equals, not-equals, in, not-in, lt, lte, gt, gte, is-null";
    private static final String EXAMPLE = "e.g. filter { column = status, not-in = [draft] }, or filter { all = ["
            + " { column = status, equals = published }, { column = deleted_at, is-null = true } ] }";

    private RowFilterConfigReader() {
    }

    /** Empty when a problem was reported; holds an empty filter when the mapping gives none. */
    static Optional<Optional<RowFilterConfig>> read(Section mapping) {
        Optional<Section> filter = mapping.optionalSection("filter");
        if (filter.isEmpty()) {
            return Optional.of(Optional.empty());
        }
        if (!mapping.isObject("filter")) {
            // optionalSection reported it (text where an object belongs, an unresolved substitution)
            return Optional.empty();
        }
        return node(filter.get()).map(Optional::of);
    }

    private static Optional<RowFilterConfig> node(Section node) {
        boolean column = !node.isAbsent("column");
        boolean all = !node.isAbsent("all");
        boolean any = !node.isAbsent("any");
        int kinds = (column ? 1 : 0) + (all ? 1 : 0) + (any ? 1 : 0);
        if (kinds != 1) {
            node.problemHere((kinds == 0 ? "names no column and no all/any" : "mixes " + (column ? "column, " : "")
                    + (all ? "all, " : "") + (any ? "any, " : "") + "in one object") + "; write either a condition"
                    + " on one column, or all = [...] or any = [...] of conditions, " + EXAMPLE);
            return Optional.empty();
        }
        if (!column) {
            return combination(node, all ? "all" : "any");
        }
        return condition(node);
    }

    private static Optional<RowFilterConfig> combination(Section node, String key) {
        List<Section> elements = node.nonEmptySectionList(key, ConfigFactory.empty().root(), "an empty " + key
                + " list filters nothing meaningful; list at least one condition, " + EXAMPLE);
        boolean valid = true;
        for (String operator : allOperators()) {
            if (!node.isAbsent(operator)) {
                node.problem(operator, "`" + operator + "` belongs to a condition with a column, not beside " + key
                        + "; move it into one of the " + key + " elements");
                valid = false;
            }
        }
        node.rejectUnknownKeys();
        List<RowFilterConfig> parts = new ArrayList<>();
        for (Section element : elements) {
            Optional<RowFilterConfig> part = node(element);
            part.ifPresent(parts::add);
            valid &= part.isPresent();
        }
        if (!valid || parts.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(key.equals("all") ? new RowFilterConfig.All(node.path(), parts)
                : new RowFilterConfig.Any(node.path(), parts));
    }

    private static Optional<RowFilterConfig> condition(Section node) {
        Optional<String> column = node.requiredString("column", "name the column to test");
        List<RowFilterConfig> tests = new ArrayList<>();
        boolean valid = column.isPresent();
        String name = column.orElse("");
        for (String key : VALUE_OPERATORS) {
            if (!node.isAbsent(key)) {
                Optional<String> literal = node.string(key);
                literal.ifPresent(text -> tests.add(test(node, key, name, operator(key), List.of(text))));
                valid &= literal.isPresent();
            }
        }
        for (String key : LIST_OPERATORS) {
            if (!node.isAbsent(key)) {
                Optional<List<LocatedString>> literals = node.stringList(key);
                if (literals.isPresent() && literals.get().isEmpty()) {
                    node.problem(key, "an empty list " + (key.equals("in") ? "keeps no row" : "keeps every row")
                            + "; list at least one value, e.g. " + key + " = [draft]");
                    literals = Optional.empty();
                }
                literals.ifPresent(items -> tests.add(test(node, key, name, operator(key),
                        items.stream().map(LocatedString::value).toList())));
                valid &= literals.isPresent();
            }
        }
        boolean nullTest = !node.isAbsent("is-null");
        if (nullTest) {
            Optional<Boolean> isNull = node.flag("is-null", "is-null = true (keep rows where the column is NULL) or"
                    + " is-null = false (keep rows where it is not NULL)");
            isNull.ifPresent(wanted -> tests.add(test(node, "is-null", name,
                    wanted ? Operator.IS_NULL : Operator.IS_NOT_NULL, List.of())));
            valid &= isNull.isPresent();
            if (isNull.orElse(false) && tests.size() > 1) {
                node.problem("is-null", "is-null = true beside another test of '" + name + "' keeps no row (a NULL"
                        + " satisfies no comparison); keep is-null = true alone, or use any = [...]");
                valid = false;
            }
        }
        node.rejectUnknownKeys();
        // with keys beyond the column, those were just reported as unknown: no need to say more
        if (valid && tests.isEmpty() && node.keys().orElse(java.util.Set.of()).size() == 1) {
            node.problemHere("the condition on column '" + name + "' has no test; add one of " + OPERATORS
                    + ", e.g. { column = " + name + ", not-in = [draft] }");
            valid = false;
        }
        if (!valid || tests.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(tests.size() == 1 ? tests.get(0) : new RowFilterConfig.All(node.path(), tests));
    }

    private static RowFilterConfig test(Section node, String key, String column, Operator operator,
                                        List<String> literals) {
        return new RowFilterConfig.Condition(node.pathOf(key), node.pathOf("column"), column, operator, literals);
    }

    private static Operator operator(String key) {
        for (Operator operator : Operator.values()) {
            if (operator.key().equals(key)) {
                return operator;
            }
        }
        throw new IllegalArgumentException(key);
    }

    private static List<String> allOperators() {
        List<String> keys = new ArrayList<>(VALUE_OPERATORS);
        keys.addAll(LIST_OPERATORS);
        keys.add("is-null");
        return keys;
    }
}
