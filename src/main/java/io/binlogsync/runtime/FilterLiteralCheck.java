package io.binlogsync.runtime;

import io.binlogsync.config.ConfigException;
import io.binlogsync.config.ConfigProblem;
import io.binlogsync.mapping.TableMapping;
import io.binlogsync.source.jdbc.ColumnSamples;
import io.binlogsync.source.jdbc.SchemaCatalog;
import io.binlogsync.source.jdbc.TableSchema;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Refuses at start (and in {@code check}) a row filter literal that its column's values cannot be compared with,
 * such as {@code lt = yesterday} on a DATETIME: the mapping compiler knows column names only, and without this the
 * daemon would stop at the first row instead.
 */
final class FilterLiteralCheck {
    private FilterLiteralCheck() {
    }

    static void require(List<TableMapping> mappings, SchemaCatalog catalog) {
        List<ConfigProblem> problems = new ArrayList<>();
        for (TableMapping mapping : mappings) {
            if (mapping.filter().keepsAll()) {
                continue;
            }
            Optional<TableSchema> schema;
            try {
                schema = catalog.table(mapping.table());
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the definition of " + mapping.table()
                        + " from the source: " + e.getMessage(), e);
            }
            schema.ifPresent(table -> problems.addAll(mapping.filter().literalProblems(column -> table.column(column)
                    .map(found -> ColumnSamples.of(table.table(), found)))));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }
}
