package io.binlogsync.config;

import java.util.List;
import java.util.Objects;

/**
 * A mapping's row filter as written: conditions on columns combined with {@code all} and {@code any}, nested as
 * deep as the user likes. Literals stay the text the user wrote; how each compares with a column's value is decided
 * by {@code mapping.RowFilter}, which sees the value. Every node keeps its config path for messages.
 */
public sealed interface RowFilterConfig {

    String path();

    /** Holds when every part holds. */
    record All(String path, List<RowFilterConfig> parts) implements RowFilterConfig {
        public All {
            Objects.requireNonNull(path, "path");
            parts = List.copyOf(parts);
        }
    }

    /** Holds when at least one part holds. */
    record Any(String path, List<RowFilterConfig> parts) implements RowFilterConfig {
        public Any {
            Objects.requireNonNull(path, "path");
            parts = List.copyOf(parts);
        }
    }

    /**
     * One test of one column, e.g. {@code status not-in [draft]}.
     *
     * @param path       where the operator is written, e.g. {@code mappings[0].filter.all[1].not-in}
     * @param columnPath where the column is named, for a column the table lacks
     * @param literals   one for equals, not-equals and the comparisons; one or more for in and not-in; none for
     *                   is-null and is-not-null
     */
    record Condition(String path, String columnPath, String column, Operator operator, List<String> literals)
            implements RowFilterConfig {
        public Condition {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(columnPath, "columnPath");
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(operator, "operator");
            literals = List.copyOf(literals);
        }
    }

    /** The operators, with the key each is written as; comparisons are spelled as in Elasticsearch's range query. */
    enum Operator {
        EQUALS("equals"), NOT_EQUALS("not-equals"), IN("in"), NOT_IN("not-in"),
        LT("lt"), LTE("lte"), GT("gt"), GTE("gte"), IS_NULL("is-null"), IS_NOT_NULL("is-null = false");

        private final String key;

        Operator(String key) {
            this.key = key;
        }

        /** How the operator is written in the config. */
        public String key() {
            return key;
        }
    }
}
