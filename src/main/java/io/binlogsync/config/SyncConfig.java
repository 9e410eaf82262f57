package io.binlogsync.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The whole validated configuration of one binlog-sync process, as {@link ConfigLoader} reads it. */
public record SyncConfig(SourceConfig source, StateConfig state, ElasticsearchConfig elasticsearch,
                         Optional<RedisConfig> redis, PipelineConfig pipeline, List<MappingConfig> mappings,
                         DdlConfig ddl, SnapshotConfig snapshot,
                         Optional<MetricsConfig> metrics) {

    public SyncConfig {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(elasticsearch, "elasticsearch");
        Objects.requireNonNull(redis, "redis");
        Objects.requireNonNull(pipeline, "pipeline");
        mappings = List.copyOf(mappings);
        Objects.requireNonNull(ddl, "ddl");
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(metrics, "metrics");
    }

    /** Without the metrics endpoint (the default). */
    public SyncConfig(SourceConfig source, StateConfig state, ElasticsearchConfig elasticsearch,
                      Optional<RedisConfig> redis, PipelineConfig pipeline, List<MappingConfig> mappings,
                      DdlConfig ddl, SnapshotConfig snapshot) {
        this(source, state, elasticsearch, redis, pipeline, mappings, ddl, snapshot, Optional.empty());
    }
}
