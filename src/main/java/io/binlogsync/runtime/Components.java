package io.binlogsync.runtime;

import io.binlogsync.config.ConfigException;
import io.binlogsync.config.SyncConfig;
import io.binlogsync.index.IndexAdmin;
import io.binlogsync.index.IndexReader;
import io.binlogsync.config.MappingConfig;
import io.binlogsync.mapping.MappingCompiler;
import io.binlogsync.mapping.ShardExpansion;
import io.binlogsync.source.jdbc.TableListing;
import io.binlogsync.mapping.TableMapping;
import io.binlogsync.mapping.join.JoinCompiler;
import io.binlogsync.related.RelatedTables;
import io.binlogsync.runtime.metrics.Telemetry;
import io.binlogsync.sink.Sink;
import io.binlogsync.sink.SinkMetrics;
import io.binlogsync.sink.es.ElasticsearchSink;
import io.binlogsync.sink.redis.RedisSink;
import io.binlogsync.source.jdbc.SchemaCatalog;
import io.binlogsync.source.jdbc.SourceDatabase;
import io.binlogsync.verify.Verifier;
import io.binlogsync.verify.VerifyOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one place that builds, from a config, what the commands share: the source database, its schema catalog, the
 * mappings compiled against it, the Elasticsearch and Redis sinks and the index clients. Each is built when first
 * asked for (so a command reaches only the servers it needs, in the order it asks) and then reused; the
 * components own what they built and {@link #close()} releases it. TLS, credentials and metrics plug in here.
 */
public final class Components implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Components.class);
    /** A reachability check waits this long at most between its tries. */
    private static final Duration PROBE_BACKOFF = Duration.ofMillis(200);

    private final SyncConfig config;
    private final Clock clock;
    private final List<AutoCloseable> built = new ArrayList<>();
    private SourceDatabase database;
    private SchemaCatalog catalog;
    private List<TableMapping> mappings;
    private ShardExpansion.Expanded expanded;
    private ElasticsearchSink elasticsearch;
    private Optional<RedisSink> redis;
    private Optional<Telemetry> telemetry;
    private RelatedTables related;

    public Components(SyncConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    public synchronized SourceDatabase database() {
        if (database == null) {
            database = new SourceDatabase(config.source());
        }
        return database;
    }

    /** The catalog the mappings are compiled against, which the binlog reader also names columns from. */
    public synchronized SchemaCatalog catalog() {
        if (catalog == null) {
            catalog = new SchemaCatalog(database());
        }
        return catalog;
    }

    /** A catalog of its own that reads each table's definition anew: a resync copies the table as it is now. */
    public SchemaCatalog freshCatalog() {
        return new SchemaCatalog(database());
    }

    /** The config's mappings checked against the source's tables; a {@link ConfigException} when they do not fit. */
    public synchronized List<TableMapping> mappings() {
        if (mappings == null) {
            mappings = MappingCompiler.compile(mappingConfigs(), catalog()::tableColumns);
            FilterLiteralCheck.require(mappings, catalog());
        }
        return mappings;
    }

    /** The mappings with joins, checked against the source's tables, with readers of their related rows. */
    public synchronized RelatedTables relatedTables() throws SQLException {
        if (related == null) {
            related = RelatedTables.of(JoinCompiler.compile(config.mappings(), mappings(), catalog()::tableColumns),
                    catalog());
        }
        return related;
    }

    /**
     * The config's mappings with each table pattern expanded into the tables it matches now (see
     * {@link ShardExpansion}); a {@link ConfigException} when shards would share document ids.
     */
    public synchronized List<MappingConfig> mappingConfigs() {
        return shardExpansion().mappings();
    }

    /** What each table pattern of the config matches now, with the expanded mappings. */
    public synchronized ShardExpansion.Expanded shardExpansion() {
        if (expanded == null) {
            expanded = ShardExpansion.expand(config.mappings(), new TableListing(database())::matching);
        }
        return expanded;
    }

    /**
     * The stream's Elasticsearch sink (live changes, snapshots, resyncs and repairs all write through it): it retries
     * as the pipeline config says, and takes as its version ceiling the source's binlog end now.
     */
    public synchronized ElasticsearchSink elasticsearchSink() throws SQLException {
        if (elasticsearch == null) {
            long ceiling = database().versionCeiling(config.elasticsearch().versions());
            elasticsearch = own(new ElasticsearchSink(config.elasticsearch(), config.pipeline().retryInitialBackoff(),
                    config.pipeline().retryMaxBackoff(), clock, ceiling, sinkMetrics()));
        }
        return elasticsearch;
    }

    /** The stream's Redis sink, when Redis is configured. */
    public synchronized Optional<RedisSink> redisSink() {
        if (redis == null) {
            redis = config.redis().map(redisConfig -> own(new RedisSink(redisConfig,
                    config.pipeline().retryInitialBackoff(), config.pipeline().retryMaxBackoff(), clock,
                    sinkMetrics())));
        }
        return redis;
    }

    /** The stream's sinks: Elasticsearch, then Redis when configured. */
    public List<Sink> sinks() throws SQLException {
        List<Sink> sinks = new ArrayList<>();
        sinks.add(elasticsearchSink());
        redisSink().ifPresent(sinks::add);
        return sinks;
    }

    /** The metrics registry and endpoint, when {@code metrics.listen} is set. */
    public synchronized Optional<Telemetry> telemetry() {
        if (telemetry == null) {
            telemetry = config.metrics().map(metrics -> own(new Telemetry(metrics)));
        }
        return telemetry;
    }

    /** What the stream's sinks count into the metrics, when {@code metrics.listen} is set. */
    private SinkMetrics sinkMetrics() {
        return telemetry().map(Telemetry::sinks).orElse(SinkMetrics.NONE);
    }

    /** An Elasticsearch sink that only checks the cluster answers: quick retries, no version ceiling asked of the source. */
    public synchronized ElasticsearchSink elasticsearchProbe() {
        return own(new ElasticsearchSink(config.elasticsearch(), PROBE_BACKOFF, PROBE_BACKOFF, clock, Long.MAX_VALUE));
    }

    /** A Redis sink that only checks Redis answers (quick retries); call only when Redis is configured. */
    public synchronized RedisSink redisProbe() {
        return own(new RedisSink(config.redis().orElseThrow(), PROBE_BACKOFF, PROBE_BACKOFF, clock));
    }

    public synchronized IndexAdmin indexAdmin() {
        return own(new IndexAdmin(config.elasticsearch()));
    }

    public synchronized IndexReader indexReader() {
        return own(new IndexReader(config.elasticsearch()));
    }

    /**
     * A verifier of the config's mappings (a {@link ConfigException} when they do not fit the source, or when
     * {@code options.table()} is not mapped), repairing through the stream's sink when asked to.
     */
    public Verifier verifier(VerifyOptions options) throws SQLException {
        List<TableMapping> checked = mappings();
        Verifier.requireMapped(checked, options);
        Optional<Sink> repairSink = options.repair() ? Optional.of(elasticsearchSink()) : Optional.empty();
        return new Verifier(database(), catalog(), checked, indexReader(), repairSink, options,
                config.elasticsearch().versions(), config.snapshot(), clock, relatedTables());
    }

    private <T extends AutoCloseable> T own(T component) {
        built.add(component);
        return component;
    }

    /** Closes what was built, in the order it was built; closing again does nothing. */
    @Override
    public synchronized void close() {
        for (AutoCloseable component : built) {
            try {
                component.close();
            } catch (Exception e) {
                log.debug("closing {} failed: {}", component.getClass().getSimpleName(), e.toString());
            }
        }
        built.clear();
    }
}
