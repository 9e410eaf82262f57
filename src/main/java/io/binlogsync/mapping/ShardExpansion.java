package io.binlogsync.mapping;

import io.binlogsync.config.ConfigException;
import io.binlogsync.config.ConfigProblem;
import io.binlogsync.config.MappingConfig;
import io.binlogsync.config.TablePattern;
import io.binlogsync.config.TableShards;
import io.binlogsync.event.TableId;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Expands the mappings that name tables by pattern into one mapping per table matched now (same path, the index
 * its template gives that table), leaving the others as they are, and refuses tables of different mappings that
 * would write the same document ids into one index.
 */
public final class ShardExpansion {

    /** One pattern mapping and the tables it matches now (possibly none yet). */
    public record Matches(MappingConfig mapping, List<TableId> tables) {
        public Matches {
            tables = List.copyOf(tables);
        }

        /** For {@code check}: {@code mappings[0] shop.orders_* matches 2 table(s): shop.orders_1 -> orders, ...}. */
        public String describe() {
            String pattern = mapping.shards().orElseThrow().tables().toString();
            if (tables.isEmpty()) {
                return mapping.path() + " " + pattern + " matches no table yet; tables created later that match are"
                        + " followed from their CREATE TABLE on";
            }
            List<String> each = tables.stream().map(t -> t + " -> " + mapping.forShard(t).index()).toList();
            return mapping.path() + " " + pattern + " matches " + tables.size() + " table(s): "
                    + String.join(", ", each);
        }
    }

    /** The expanded mappings, in config order (matches of one pattern sorted), and what each pattern matched. */
    public record Expanded(List<MappingConfig> mappings, List<Matches> matches) {
        public Expanded {
            mappings = List.copyOf(mappings);
            matches = List.copyOf(matches);
        }
    }

    private ShardExpansion() {
    }

    /**
     * @param matching lists the source's tables a pattern matches now
     * @throws ConfigException naming the mapping, the tables and the fix, when ids would collide or an index name
     *                         a template gives is invalid
     */
    public static Expanded expand(List<MappingConfig> configs, Function<TablePattern, List<TableId>> matching) {
        List<MappingConfig> expanded = new ArrayList<>();
        List<Matches> matches = new ArrayList<>();
        List<ConfigProblem> problems = new ArrayList<>();
        for (MappingConfig config : configs) {
            Optional<TableShards> shards = config.shards();
            if (shards.isEmpty()) {
                expanded.add(config);
                continue;
            }
            TablePattern pattern = shards.get().tables();
            List<TableId> tables = pattern.exact().map(List::of).orElseGet(() -> matching.apply(pattern));
            matches.add(new Matches(config, tables));
            for (TableId table : tables) {
                Optional<String> problem = shards.get().indexProblemFor(table);
                if (problem.isPresent()) {
                    problems.add(new ConfigProblem(config.path() + ".index", "", "for table " + table + ": "
                            + problem.get()));
                } else {
                    expanded.add(config.forShard(table));
                }
            }
        }
        problems.addAll(collisions(expanded));
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new Expanded(expanded, matches);
    }

    /**
     * The mappings of the wildcard patterns that match {@code table}, each for that table (a table created after the
     * start); empty when none matches.
     *
     * @throws MappingMismatchException when the index name a template gives the table is invalid
     */
    public static List<MappingConfig> forTable(List<MappingConfig> configs, TableId table) {
        List<MappingConfig> matched = new ArrayList<>();
        for (MappingConfig config : configs) {
            Optional<TableShards> shards = config.shards();
            if (shards.isEmpty() || !shards.get().tables().isWildcard() || !shards.get().tables().matches(table)) {
                continue;
            }
            Optional<String> problem = shards.get().indexProblemFor(table);
            if (problem.isPresent()) {
                throw new MappingMismatchException(config.path() + ".index: table " + table + " matches "
                        + shards.get().tables() + ", but " + problem.get());
            }
            matched.add(config.forShard(table));
        }
        return matched;
    }

    /**
     * Two different tables writing one index with the same id affixes, at least one of them by a pattern or
     * template: a row of each with the same key would make the same document. (Plain mappings of two tables into
     * one index stay allowed, as before: their keys may be disjoint by design.)
     */
    public static List<ConfigProblem> collisions(List<MappingConfig> expanded) {
        List<ConfigProblem> problems = new ArrayList<>();
        Map<String, List<MappingConfig>> byIndex = new LinkedHashMap<>();
        expanded.forEach(m -> byIndex.computeIfAbsent(m.index(), k -> new ArrayList<>()).add(m));
        for (Map.Entry<String, List<MappingConfig>> entry : byIndex.entrySet()) {
            List<MappingConfig> into = entry.getValue();
            for (int i = 0; i < into.size(); i++) {
                for (int j = i + 1; j < into.size(); j++) {
                    collision(entry.getKey(), into.get(i), into.get(j)).ifPresent(problems::add);
                }
            }
        }
        return problems;
    }

    private static Optional<ConfigProblem> collision(String index, MappingConfig a, MappingConfig b) {
        if (a.table().equals(b.table()) || (a.shards().isEmpty() && b.shards().isEmpty())
                || !Objects.equals(ShardIds.of(a), ShardIds.of(b))) {
            return Optional.empty();
        }
        MappingConfig sharded = b.shards().isPresent() ? b : a;
        String suggestion = sharded.shards().get().tables().wildcardInDatabase() ? "{schema}:{id}" : "{table}:{id}";
        String also = a.path().equals(b.path()) ? "" : " (" + a.path() + " and " + b.path() + ")";
        return Optional.of(new ConfigProblem(sharded.path() + ".id-template", "", "tables " + a.table() + " and "
                + b.table() + " both write to index " + index + also + " with the same document ids, so rows of"
                + " the two with the same key would overwrite each other; set id-template = \"" + suggestion
                + "\" (or give each table its own index, e.g. index = \"" + index + "-{table}\")"));
    }
}
