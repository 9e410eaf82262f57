package io.binlogsync.runtime;

import io.binlogsync.config.MappingConfig;
import io.binlogsync.config.SyncConfig;
import io.binlogsync.config.TablePattern;
import io.binlogsync.index.ConfiguredIndices;
import io.binlogsync.index.IndexAdmin;
import io.binlogsync.event.TableId;
import io.binlogsync.mapping.MappingCompiler;
import io.binlogsync.mapping.ShardExpansion;
import io.binlogsync.mapping.TableMapping;
import io.binlogsync.mapping.ShardFollower;
import io.binlogsync.source.jdbc.TableListing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/** Wires the mappings that name tables by pattern into the daemon: what they match, and following new tables. */
final class ShardedTables {
    private static final Logger log = LoggerFactory.getLogger(ShardedTables.class);

    private ShardedTables() {
    }

    /** The patterns with a wildcard, whose tables the binlog reader reads even when created after the start. */
    static List<TablePattern> patterns(SyncConfig config) {
        return config.mappings().stream().flatMap(m -> m.shards().stream()).map(s -> s.tables())
                .filter(TablePattern::isWildcard).toList();
    }

    /** Follows new tables of the patterns; a new table's index is created from the configured definition, if any. */
    static ShardFollower follower(SyncConfig config, Components components) {
        if (patterns(config).isEmpty()) {
            return ShardFollower.NONE;
        }
        IndexAdmin admin = components.indexAdmin();
        return new ShardFollower(config.mappings(), mapping -> prepareIndex(admin, mapping));
    }

    /** The mappings of a table created after the start, against its columns now, for a resync of it. */
    static Function<TableId, List<TableMapping>> laterTables(SyncConfig config, Components components) {
        return table -> MappingCompiler.compile(ShardExpansion.forTable(config.mappings(), table),
                components.freshCatalog()::tableColumns);
    }

    /**
     * The mappings with the patterns matched against the source's tables when asked (also tables created or renamed
     * into a pattern since the start), for a rebuild into a new index planned then; {@code atStart} without patterns.
     */
    static Supplier<List<TableMapping>> mappingsNow(SyncConfig config, Components components,
                                                    List<TableMapping> atStart) {
        if (patterns(config).isEmpty()) {
            return () -> atStart;
        }
        return () -> MappingCompiler.compile(ShardExpansion.expand(config.mappings(),
                new TableListing(components.database())::matching).mappings(), components.freshCatalog()::tableColumns);
    }

    private static void prepareIndex(IndexAdmin admin, MappingConfig mapping) {
        if (mapping.indexDefinition().isEmpty()) {
            return;
        }
        try {
            new ConfiguredIndices(admin).prepare(List.of(mapping));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create index " + mapping.index() + " for new table "
                    + mapping.table() + " (" + mapping.path() + "): " + e.getMessage(), e);
        }
    }

    /** One INFO line per pattern: the tables it matches at start. */
    static void logMatches(Components components) {
        for (ShardExpansion.Matches matches : components.shardExpansion().matches()) {
            log.info("{}", matches.describe());
        }
    }
}
