package io.binlogsync.config;

import io.binlogsync.event.TableId;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How one source table is copied into one Elasticsearch index.
 *
 * @param path            where the mapping is written, e.g. {@code mappings[1]}, for messages about it
 * @param id              the columns whose values form the document id; empty means the table's primary key
 * @param redisInvalidate key templates such as {@code product:{id}}: literal text with {@code {column}} placeholders,
 *                        doubled braces for literal ones
 * @param indexDefinition the settings and mappings to create the index with, when the mapping gives them
 * @param shards          when {@code table} is a pattern (then {@code table} and {@code index} stand in for it until
 *                        expanded per matched table, see {@link #forShard}), an index template or an id template
 * @param filter          the rows the mapping keeps, when it keeps only some (docs/filters.md)
 * @param joins           related tables whose columns the documents carry (see {@link JoinConfig})
 */
public record MappingConfig(String path, TableId table, String index, List<String> id, FieldsConfig fields,
                            List<String> redisInvalidate, Optional<IndexDefinition> indexDefinition,
                            Optional<TableShards> shards, Optional<RowFilterConfig> filter, List<JoinConfig> joins) {

    public MappingConfig {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(index, "index");
        id = List.copyOf(id);
        Objects.requireNonNull(fields, "fields");
        redisInvalidate = List.copyOf(redisInvalidate);
        Objects.requireNonNull(indexDefinition, "indexDefinition");
        Objects.requireNonNull(shards, "shards");
        Objects.requireNonNull(filter, "filter");
        joins = List.copyOf(joins);
    }

    /** This mapping for one table its pattern matches, into that table's index; same path, same settings. */
    public MappingConfig forShard(TableId matched) {
        TableShards of = shards.orElseThrow();
        return new MappingConfig(path, matched, of.indexFor(matched), id, fields, redisInvalidate, indexDefinition,
                shards, filter, joins);
    }
}
