package io.binlogsync.mapping;

import io.binlogsync.config.ConfigException;
import io.binlogsync.config.MappingConfig;
import io.binlogsync.config.TablePattern;
import io.binlogsync.event.TableColumns;
import io.binlogsync.event.TableId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Follows the tables of pattern mappings that appear while streaming (a CREATE TABLE, a RENAME into the pattern):
 * at such a table's first rows it compiles the pattern's mappings for it against the columns those rows carry, so
 * rows written right after the CREATE are mapped too. Also answers whether a table is a shard, for what DDL does to
 * it. Used from the pipeline's mapper thread only.
 */
public final class ShardFollower {
    private static final Logger log = LoggerFactory.getLogger(ShardFollower.class);
    /** Follows nothing: no mapping names tables by a wildcard. */
    public static final ShardFollower NONE = new ShardFollower(List.of(), config -> { });

    private final List<MappingConfig> patterns;
    private final Consumer<MappingConfig> beforeFirstWrite;
    private final Map<TableId, Boolean> matched = new HashMap<>();

    /**
     * @param configs          the config's mappings; those whose table has a wildcard are followed
     * @param beforeFirstWrite called with each new table's mapping before its first document, e.g. to create the
     *                         index its template names from the configured definition
     */
    public ShardFollower(List<MappingConfig> configs, Consumer<MappingConfig> beforeFirstWrite) {
        this.patterns = configs.stream()
                .filter(c -> c.shards().map(s -> s.tables().isWildcard()).orElse(false)).toList();
        this.beforeFirstWrite = beforeFirstWrite;
    }

    /** Whether a pattern mapping names {@code table}. */
    public boolean isShard(TableId table) {
        if (patterns.isEmpty()) {
            return false;
        }
        return matched.computeIfAbsent(table, t -> patterns.stream().anyMatch(c -> pattern(c).matches(t)));
    }

    /** The pattern mappings' text for a log line, e.g. {@code mappings[0] (shop.orders_*)}. */
    public String describe(TableId table) {
        return String.join(", ", patterns.stream().filter(c -> pattern(c).matches(table))
                .map(c -> c.path() + " (" + pattern(c) + ")").toList());
    }

    /** Regexes of the patterns' table names, for SQL whose tables are not known. */
    public List<Pattern> namesInSql() {
        return patterns.stream().map(c -> pattern(c).tableNameInSql()).toList();
    }

    /**
     * The mappings of a table not mapped so far, built from {@code columns} (its rows' layout); empty when no
     * pattern names it.
     *
     * @throws MappingMismatchException when the table does not fit its pattern's mapping (a missing id column...)
     */
    Optional<List<TableMapping>> learn(TableId table, TableColumns columns) {
        if (!isShard(table)) {
            return Optional.empty();
        }
        List<MappingConfig> configs = ShardExpansion.forTable(patterns, table);
        List<TableMapping> mappings;
        try {
            mappings = MappingCompiler.compile(configs, t -> Optional.of(columns));
        } catch (ConfigException e) {
            throw new MappingMismatchException("new table " + table + " matches " + describe(table) + " but does"
                    + " not fit it: " + e.getMessage() + ". Change the table, or the pattern so that it does not"
                    + " match, then restart");
        }
        for (MappingConfig config : configs) {
            beforeFirstWrite.accept(config);
            log.info("following new table {} ({} matches it) into index {}", table,
                    config.path() + " " + pattern(config), config.index());
        }
        return Optional.of(mappings);
    }

    private static TablePattern pattern(MappingConfig config) {
        return config.shards().orElseThrow().tables();
    }
}
