package io.binlogsync.mapping;

import io.binlogsync.config.ConfigProblem;
import io.binlogsync.config.RowFilterConfig;
import io.binlogsync.event.RowChange;
import io.binlogsync.event.RowImage;
import io.binlogsync.event.TableColumns;
import io.binlogsync.event.TableId;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which rows a mapping keeps, compiled from its {@code filter}: a predicate over row images. A NULL satisfies only
 * {@code is-null = true}, as in an SQL WHERE; how a literal compares with each kind of value is
 * {@link FilterLiteral}'s. The stream, snapshots, resyncs and verify all ask this one class, so they keep the same
 * rows. Safe to share between threads.
 */
public final class RowFilter {
    /** The filter of a mapping without one: every row. */
    public static final RowFilter ALL_ROWS = new RowFilter(null, List.of(), List.of());

    private interface Node {
        boolean keeps(RowImage row);
    }

    private final Node root;
    private final List<String> columns;
    private final List<ColumnTest> tests;

    private RowFilter(Node root, List<String> columns, List<ColumnTest> tests) {
        this.root = root;
        this.columns = List.copyOf(columns);
        this.tests = List.copyOf(tests);
    }

    /**
     * The filter of a mapping of {@code table}, checked against its columns; a problem per column the table lacks
     * (at the path that names the column), and then {@link #ALL_ROWS}, which is never used since the mapping fails.
     */
    public static RowFilter compile(Optional<RowFilterConfig> config, TableId table, TableColumns columns,
                                    List<ConfigProblem> problems) {
        if (config.isEmpty()) {
            return ALL_ROWS;
        }
        List<ColumnTest> tests = new ArrayList<>();
        int before = problems.size();
        Node root = node(config.get(), table, columns, tests, problems);
        List<String> named = tests.stream().map(test -> test.condition.column()).distinct().toList();
        return problems.size() == before ? new RowFilter(root, named, tests) : ALL_ROWS;
    }

    public boolean keepsAll() {
        return root == null;
    }

    /** Whether the mapping keeps this row; a literal that cannot compare with the column's value throws. */
    public boolean keeps(RowImage row) {
        return root == null || root.keeps(row);
    }

    /**
     * The change as the mapping sees it: an image outside the filter is no image (an update that leaves the filter
     * becomes a delete, one that enters it an insert); null when neither image is kept.
     */
    public RowChange visible(RowChange change) {
        if (root == null) {
            return change;
        }
        RowImage before = change.before() != null && keeps(change.before()) ? change.before() : null;
        RowImage after = change.after() != null && keeps(change.after()) ? change.after() : null;
        if (before == null && after == null) {
            return null;
        }
        return before == change.before() && after == change.after() ? change : new RowChange(before, after);
    }

    /** Whether the filter tests {@code column}. */
    public boolean tests(String column) {
        return columns.contains(column);
    }

    /** The filter's columns that {@code table} lacks, each as "filter column 'name'" (a DDL dropped it). */
    public List<String> missingColumns(TableColumns table) {
        return columns.stream().filter(column -> !table.contains(column))
                .map(column -> "filter column '" + column + "'").toList();
    }

    /**
     * A problem per literal that cannot be compared with its column's values, each at the test's config path;
     * {@code sampleOf} gives a value of the class a column's cells decode to (empty for a column it does not know).
     */
    public List<ConfigProblem> literalProblems(Function<String, Optional<Object>> sampleOf) {
        List<ConfigProblem> problems = new ArrayList<>();
        for (ColumnTest test : tests) {
            Optional<Object> sample = sampleOf.apply(test.condition.column());
            for (FilterLiteral literal : test.literals) {
                try {
                    sample.ifPresent(literal::compareWith);
                } catch (IllegalArgumentException e) {
                    problems.add(new ConfigProblem(test.condition.path(), "", "column '" + test.condition.column()
                            + "': " + e.getMessage()));
                }
            }
        }
        return problems;
    }

    private static Node node(RowFilterConfig config, TableId table, TableColumns columns, List<ColumnTest> tests,
                             List<ConfigProblem> problems) {
        if (config instanceof RowFilterConfig.All all) {
            Node[] parts = parts(all.parts(), table, columns, tests, problems);
            return row -> {
                for (Node part : parts) {
                    if (!part.keeps(row)) {
                        return false;
                    }
                }
                return true;
            };
        }
        if (config instanceof RowFilterConfig.Any any) {
            Node[] parts = parts(any.parts(), table, columns, tests, problems);
            return row -> {
                for (Node part : parts) {
                    if (part.keeps(row)) {
                        return true;
                    }
                }
                return false;
            };
        }
        RowFilterConfig.Condition condition = (RowFilterConfig.Condition) config;
        if (!columns.contains(condition.column())) {
            problems.add(new ConfigProblem(condition.columnPath(), "", "table " + table + " has no column '"
                    + condition.column() + "' (it has " + String.join(", ", columns.names()) + "); correct the name"));
        }
        ColumnTest test = new ColumnTest(condition);
        tests.add(test);
        return test;
    }

    private static Node[] parts(List<RowFilterConfig> parts, TableId table, TableColumns columns,
                                List<ColumnTest> tests, List<ConfigProblem> problems) {
        return parts.stream().map(part -> node(part, table, columns, tests, problems)).toArray(Node[]::new);
    }

    /** One operator on one column. */
    private static final class ColumnTest implements Node {
        private final RowFilterConfig.Condition condition;
        private final ColumnIndexes column;
        private final FilterLiteral[] literals;

        ColumnTest(RowFilterConfig.Condition condition) {
            this.condition = condition;
            this.column = new ColumnIndexes(List.of(condition.column()));
            this.literals = condition.literals().stream().map(FilterLiteral::new).toArray(FilterLiteral[]::new);
        }

        @Override
        public boolean keeps(RowImage row) {
            Object value = row.get(column.in(row.columns())[0]);
            try {
                return switch (condition.operator()) {
                    case IS_NULL -> value == null;
                    case IS_NOT_NULL -> value != null;
                    // a NULL satisfies no comparison, not even not-equals or not-in, as in an SQL WHERE
                    case EQUALS, IN -> value != null && anyEqual(value);
                    case NOT_EQUALS, NOT_IN -> value != null && !anyEqual(value);
                    case LT -> value != null && literals[0].compareWith(value) < 0;
                    case LTE -> value != null && literals[0].compareWith(value) <= 0;
                    case GT -> value != null && literals[0].compareWith(value) > 0;
                    case GTE -> value != null && literals[0].compareWith(value) >= 0;
                };
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(condition.path() + ": column '" + condition.column() + "': "
                        + e.getMessage(), e);
            }
        }

        private boolean anyEqual(Object value) {
            for (FilterLiteral literal : literals) {
                if (literal.equalTo(value)) {
                    return true;
                }
            }
            return false;
        }
    }
}
