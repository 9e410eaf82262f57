package io.binlogsync.mapping.join;

import io.binlogsync.config.ConfigException;
import io.binlogsync.config.ConfigProblem;
import io.binlogsync.config.JoinConfig;
import io.binlogsync.config.MappingConfig;
import io.binlogsync.event.TableColumns;
import io.binlogsync.event.TableId;
import io.binlogsync.mapping.TableMapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Checks each mapping's joins against the tables as the source has them (the related table exists and is not the
 * mapping's own, every column of {@code on}, {@code fields}, {@code rename}, {@code convert} and {@code order-by}
 * exists) and pairs them with the compiled mappings. One level: a join reads from the mapping's table only, never
 * from another join's. All problems are reported together, each at its config path.
 */
public final class JoinCompiler {
    private JoinCompiler() {
    }

    /** @param mappings the compiled {@code configs}, by path */
    public static List<JoinedMapping> compile(List<MappingConfig> configs, List<TableMapping> mappings,
                                              Function<TableId, Optional<TableColumns>> tables) {
        Map<String, TableMapping> byPath = mappings.stream()
                .collect(Collectors.toMap(TableMapping::path, mapping -> mapping, (a, b) -> a));
        List<ConfigProblem> problems = new ArrayList<>();
        List<JoinedMapping> joined = new ArrayList<>();
        for (MappingConfig config : configs) {
            TableMapping mapping = byPath.get(config.path());
            if (config.joins().isEmpty()) {
                continue;
            }
            if (config.shards().isPresent()) {
                problems.add(problem(config.path() + ".join", "joins are not supported on a table pattern yet;"
                        + " name one table, or remove join"));
                continue;
            }
            if (mapping == null) {
                continue;
            }
            TableColumns parent = tables.apply(config.table()).orElseThrow(() -> new IllegalStateException(
                    "table " + config.table() + " of " + config.path() + " is gone"));
            List<Join> joins = new ArrayList<>();
            for (JoinConfig join : config.joins()) {
                compile(join, config, parent, tables, problems).ifPresent(joins::add);
            }
            if (joins.size() == config.joins().size()) {
                joined.add(new JoinedMapping(mapping, joins));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return List.copyOf(joined);
    }

    private static Optional<Join> compile(JoinConfig join, MappingConfig config, TableColumns parent,
                                          Function<TableId, Optional<TableColumns>> tables,
                                          List<ConfigProblem> problems) {
        if (join.table().equals(config.table())) {
            problems.add(problem(join.path() + ".table", "a join reads another table than the mapping's own ("
                    + config.table() + "); name the related table"));
            return Optional.empty();
        }
        Optional<TableColumns> found;
        try {
            found = tables.apply(join.table());
        } catch (IllegalArgumentException e) {
            problems.add(problem(join.path() + ".table", e.getMessage()));
            return Optional.empty();
        }
        if (found.isEmpty()) {
            problems.add(problem(join.path() + ".table", "table " + join.table() + " does not exist on the source, or"
                    + " the source user cannot see it; check the name, or GRANT SELECT ON " + join.table()
                    + " to the user"));
            return Optional.empty();
        }
        TableColumns related = found.get();
        int before = problems.size();
        if (!parent.contains(join.parentColumn())) {
            problems.add(problem(join.path() + ".on." + join.parentColumn(), missing(config.table(), parent,
                    join.parentColumn()) + " (the left side of on is the mapping's table's column)"));
        }
        require(join.table(), related, join.joinedColumn(), join.path() + ".on." + join.parentColumn(), problems);
        for (int i = 0; i < join.fields().include().size(); i++) {
            require(join.table(), related, join.fields().include().get(i), join.path() + ".fields[" + i + "]",
                    problems);
        }
        join.orderBy().ifPresent(column -> require(join.table(), related, column, join.path() + ".order-by",
                problems));
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new Join(join, related));
    }

    private static void require(TableId table, TableColumns columns, String column, String path,
                                List<ConfigProblem> problems) {
        if (!columns.contains(column)) {
            problems.add(problem(path, missing(table, columns, column)));
        }
    }

    private static String missing(TableId table, TableColumns columns, String column) {
        return "table " + table + " has no column '" + column + "' (it has " + String.join(", ", columns.names())
                + "); correct the name";
    }

    private static ConfigProblem problem(String path, String message) {
        return new ConfigProblem(path, "", message);
    }
}
