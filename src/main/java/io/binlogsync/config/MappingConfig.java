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
 * @param joins           related tables whose columns the documents carry (see {@link JoinConfig})
 */
public record MappingConfig(String path, TableId table, String index, List<String> id, FieldsConfig fields,
                            List<String> redisInvalidate, Optional<IndexDefinition> indexDefinition,
                            List<JoinConfig> joins) {

    public MappingConfig(String path, TableId table, String index, List<String> id, FieldsConfig fields,
                         List<String> redisInvalidate, Optional<IndexDefinition> indexDefinition) {
        this(path, table, index, id, fields, redisInvalidate, indexDefinition, List.of());
    }

    public MappingConfig(String path, TableId table, String index, List<String> id, FieldsConfig fields,
                         List<String> redisInvalidate) {
        this(path, table, index, id, fields, redisInvalidate, Optional.empty());
    }

    public MappingConfig {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(index, "index");
        id = List.copyOf(id);
        Objects.requireNonNull(fields, "fields");
        redisInvalidate = List.copyOf(redisInvalidate);
        Objects.requireNonNull(indexDefinition, "indexDefinition");
        joins = List.copyOf(joins);
    }
}
