package io.binlogsync.mapping;

import io.binlogsync.config.ConfigException;
import io.binlogsync.config.ConfigProblem;
import io.binlogsync.config.MappingConfig;
import io.binlogsync.event.TableColumns;
import io.binlogsync.event.TableId;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Checks each configured mapping against its table as the source has it (the table exists, every column named
 * by id, fields (include, exclude, rename, convert), key templates and the row filter exists, there is a key) and
 * builds the
 * {@link TableMapping}s. All problems are reported together, each with its config path.
 */
public final class MappingCompiler {
    private MappingCompiler() {
    }

    public static List<TableMapping> compile(List<MappingConfig> configs,
                                             Function<TableId, Optional<TableColumns>> tables) {
        List<ConfigProblem> problems = new ArrayList<>();
        List<TableMapping> mappings = new ArrayList<>();
        for (MappingConfig config : configs) {
            Optional<TableColumns> columns;
            try {
                columns = tables.apply(config.table());
            } catch (IllegalArgumentException e) {
                // a column of a type binlog-sync does not know: its values cannot be written exactly
                problems.add(problem(config.path() + ".table", e.getMessage()));
                continue;
            }
            if (columns.isEmpty()) {
                problems.add(problem(config.path() + ".table", "table " + config.table() + " does not exist on the"
                        + " source, or the source user cannot see it; check the name, or GRANT SELECT ON "
                        + config.table() + " to the user"));
                continue;
            }
            int before = problems.size();
            TableColumns table = columns.get();
            List<String> id = config.id().isEmpty() ? table.primaryKey() : config.id();
            if (id.isEmpty()) {
                problems.add(problem(config.path() + ".id", "table " + config.table() + " has no primary key and no"
                        + " UNIQUE key over NOT NULL columns, so nothing identifies its rows; add a primary key"
                        + " (ALTER TABLE " + config.table() + " ADD PRIMARY KEY (...)), or set id = [columns that"
                        + " identify a row uniquely]"));
            }
            requireColumns(config.id(), config.path() + ".id", config, table, problems);
            requireColumns(config.fields().include(), config.path() + ".fields.include", config, table, problems);
            requireColumns(config.fields().exclude(), config.path() + ".fields.exclude", config, table, problems);
            requireKeyColumns(config.fields().rename().keySet(), config.path() + ".fields.rename", config, table,
                    problems);
            requireKeyColumns(config.fields().convert().keySet(), config.path() + ".fields.convert", config, table,
                    problems);
            List<KeyTemplate> templates = new ArrayList<>();
            for (int i = 0; i < config.redisInvalidate().size(); i++) {
                String path = config.path() + ".redis.invalidate[" + i + "]";
                try {
                    KeyTemplate template = KeyTemplate.forTable(config.redisInvalidate().get(i), config.table(),
                            table);
                    for (String column : template.columns()) {
                        if (!table.contains(column)) {
                            problems.add(problem(path, "template '" + template + "' uses {" + column + "}: "
                                    + missing(column, config, table)));
                        }
                    }
                    templates.add(template);
                } catch (IllegalArgumentException e) {
                    problems.add(problem(path, "template '" + config.redisInvalidate().get(i) + "': " + e.getMessage()));
                }
            }
            RowFilter filter = RowFilter.compile(config.filter(), config.table(), table, problems);
            if (problems.size() == before) {
                mappings.add(new TableMapping(config.path(), config.table(), config.index(), id,
                        new FieldSelection(config.path(), config.fields()), templates, ShardIds.of(config), filter));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return List.copyOf(mappings);
    }

    private static void requireColumns(List<String> columns, String path, MappingConfig config, TableColumns table,
                                       List<ConfigProblem> problems) {
        for (int i = 0; i < columns.size(); i++) {
            if (!table.contains(columns.get(i))) {
                problems.add(problem(path + "[" + i + "]", missing(columns.get(i), config, table)));
            }
        }
    }

    /** For settings keyed by column, such as {@code fields.rename}: a problem at {@code path.column} per missing one. */
    private static void requireKeyColumns(Collection<String> columns, String path, MappingConfig config,
                                          TableColumns table, List<ConfigProblem> problems) {
        for (String column : columns) {
            if (!table.contains(column)) {
                problems.add(problem(path + "." + column, missing(column, config, table)));
            }
        }
    }

    private static String missing(String column, MappingConfig config, TableColumns table) {
        return "table " + config.table() + " has no column '" + column + "' (it has " + String.join(", ", table.names())
                + "); correct the name";
    }

    private static ConfigProblem problem(String path, String message) {
        return new ConfigProblem(path, "", message);
    }
}
