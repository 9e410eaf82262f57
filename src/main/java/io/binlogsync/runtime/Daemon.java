package io.binlogsync.runtime;

import io.binlogsync.checkpoint.Checkpoint;
import io.binlogsync.checkpoint.StateFile;
import io.binlogsync.checkpoint.StreamOrigin;
import io.binlogsync.config.DocumentVersions;
import io.binlogsync.config.SyncConfig;
import io.binlogsync.event.TableId;
import io.binlogsync.mapping.ChangeMapper;
import io.binlogsync.mapping.TableMapping;
import io.binlogsync.related.JoinedChunks;
import io.binlogsync.related.RelatedRebuilds;
import io.binlogsync.related.RelatedTables;
import io.binlogsync.pipeline.PipelineMetrics;
import io.binlogsync.pipeline.SyncPipeline;
import io.binlogsync.runtime.metrics.Telemetry;
import io.binlogsync.sink.Sink;
import io.binlogsync.index.ConfiguredIndices;
import io.binlogsync.index.SearchServer;
import io.binlogsync.sink.es.ElasticsearchSink;
import io.binlogsync.source.binlog.BinlogSource;
import io.binlogsync.source.jdbc.SchemaCatalog;
import io.binlogsync.source.jdbc.SourceDatabase;
import io.binlogsync.source.binlog.StreamStart;
import io.binlogsync.event.GtidPosition;
import io.binlogsync.source.jdbc.TableRowReader;
import io.binlogsync.source.jdbc.TableSchema;
import io.binlogsync.checkpoint.SnapshotProgressFile;
import io.binlogsync.config.SnapshotConfig;
import io.binlogsync.progress.CopyFigures;
import io.binlogsync.progress.Progress;
import io.binlogsync.snapshot.InitialSnapshot;
import io.binlogsync.snapshot.IndexRebuild;
import io.binlogsync.snapshot.OnlineResync;
import io.binlogsync.snapshot.TableCopies;
import io.binlogsync.snapshot.ResyncRequests;
import java.util.Map;
import java.util.LinkedHashMap;
import io.binlogsync.snapshot.TableCopy;
import java.util.LinkedHashSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The running daemon: wires the binlog reader, the pipeline, the snapshot and resyncs to the source, mappings and
 * sinks its {@link Components} build. {@link #start()}
 * checks the server and the mappings, loads or creates the state, and starts reading; {@link #close()} stops
 * reading, writes what was received and saves the position.
 */
public final class Daemon implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Daemon.class);

    private final SyncConfig config;
    private final Clock clock;
    private final Components components;
    private volatile SyncPipeline pipeline;
    private volatile List<Sink> sinks = List.of();
    private ElasticsearchSink elasticsearch;
    private volatile BinlogSource source;
    private boolean closed;
    private volatile boolean stopRequested;
    private OnlineResync resync;
    private RelatedRebuilds rebuilds;
    private volatile Thread startingThread;
    private AutoCloseable stateLock;
    private java.util.concurrent.ScheduledExecutorService progressTicker;

    public Daemon(SyncConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.components = new Components(config, clock);
    }

    /**
     * Asks a start that is still copying existing rows (the initial snapshot) to stop after the current chunk; a
     * signal handler may call it at any time. {@link #start()} then returns without streaming.
     */
    public void requestStop() {
        stopRequested = true;
        Thread starting = startingThread;
        if (starting != null) {
            // a chunk write may be retrying against an unreachable Elasticsearch: do not wait for it
            starting.interrupt();
        }
    }

    public synchronized void start() throws SQLException, InterruptedException {
        startingThread = Thread.currentThread();
        try {
            startStreaming();
        } finally {
            startingThread = null;
        }
    }

    /** Creates the missing indices the mappings configure; refuses one whose mapping contradicts the config. */
    private void prepareIndices() {
        try {
            new ConfiguredIndices(components.indexAdmin()).prepare(components.mappingConfigs());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the mapped indices at " + config.elasticsearch()
                    .hosts() + ": " + e.getMessage(), e);
        }
    }

    private void startStreaming() throws SQLException, InterruptedException {
        Optional<Telemetry> telemetry = components.telemetry();
        telemetry.ifPresent(metrics -> metrics.serve(new DaemonHealth(() -> pipeline, () -> source, () -> sinks,
                metrics.config().readyMaxLag(), metrics.config().wedgedAfter())));
        SourceDatabase database = components.database();
        new SourceSettings(database).requireReplicable();
        SchemaCatalog catalog = components.catalog();
        List<TableMapping> mappings = components.mappings();
        ShardedTables.logMatches(components);
        Set<TableId> tables = mappings.stream().map(TableMapping::table).collect(Collectors.toUnmodifiableSet());

        StateFile stateFile = new StateFile(config.state().file());
        stateLock = stateFile.lock();
        List<String> files = database.binaryLogs();
        DocumentVersions versions = config.elasticsearch().versions();
        StartingPoint startingPoint = new StartingPoint(database, stateFile, config.source().start(), versions, clock);
        startingPoint.requireVersionsPossible();

        var pipelineConfig = config.pipeline();
        elasticsearch = components.elasticsearchSink();
        SearchServer server = elasticsearch.awaitServer();
        prepareIndices();
        List<Sink> sinks = components.sinks();
        this.sinks = sinks;

        SnapshotProgressFile snapshotProgress = new SnapshotProgressFile(config.state().file());
        if (stateFile.load().isEmpty() && config.snapshot().mode() == SnapshotConfig.Mode.INITIAL) {
            Optional<GtidPosition> streamFrom = snapshot(database, catalog, mappings, elasticsearch, snapshotProgress,
                    versions, copyFigures(telemetry));
            if (streamFrom.isEmpty()) {
                return;
            }
            stateFile.save(new Checkpoint(streamFrom.get().position(), streamFrom.get().gtid(),
                    Optional.of(new StreamOrigin(database.serverId(), versions)), clock.instant()));
            files = database.binaryLogs();
        }
        snapshotProgress.delete();
        StreamStart start = startingPoint.resolve(files);

        RelatedTables related = components.relatedTables();
        rebuilds = new RelatedRebuilds(related, database, config.snapshot(), versions, stateFile.path(), elasticsearch,
                components.redisSink(), start.gtid(), clock);
        pipeline = new SyncPipeline(new ChangeMapper(mappings, ShardedTables.follower(config, components),
                rebuilds.stream()), sinks, stateFile, config.elasticsearch().bulk(),
                pipelineConfig.queueCapacity(), pipelineConfig.inFlightBatches(), tables, config.ddl(), clock,
                telemetry.map(Telemetry::pipeline).orElse(PipelineMetrics.NONE));
        pipeline.start(new Checkpoint(start.position(), start.gtid(),
                Optional.of(new StreamOrigin(start.serverId(), versions)), clock.instant()));
        Set<TableId> followed = new LinkedHashSet<>(tables);
        followed.addAll(related.relatedTables());
        source = new BinlogSource(config.source(), versions, catalog, followed, ShardedTables.patterns(config),
                pipeline.handler(),
                pipelineConfig.retryInitialBackoff(), pipelineConfig.retryMaxBackoff(), clock);
        source.start(start);
        rebuilds.start();
        RelatedRebuilds lane = rebuilds;
        telemetry.ifPresent(metrics -> metrics.watchRebuildLane(lane.jobs(), lane.lane()));
        SyncPipeline started = pipeline;
        telemetry.ifPresent(metrics -> metrics.pollBytesBehind(database, () -> started.acknowledged().position()));

        startProgressLine();
        ResyncRequests resyncRequests = new ResyncRequests(stateFile.path());
        TableCopies resyncCopies = (table, ofTable) -> resyncCopy(database, elasticsearch, versions, table, ofTable);
        resync = new OnlineResync(resyncRequests, database, config.snapshot(), mappings, resyncCopies,
                new IndexRebuild(components.indexAdmin(), elasticsearch.dualWrites(),
                        ShardedTables.mappingsNow(config, components, mappings),
                        ConfiguredIndices.definitions(components.mappingConfigs()), resyncCopies, database,
                        config.snapshot(), resyncRequests, clock, copyFigures(telemetry)),
                ShardedTables.laterTables(config, components), copyFigures(telemetry));
        resync.start();
        log.info("binlog-sync started: {} mapping(s) over {} table(s), resuming at {}{} into {} at {}", mappings.size(),
                tables.size(), start.position(), start.gtid().map(g -> (start.byGtid() ? " by GTID " : " (GTID ")
                        + g + (start.byGtid() ? "" : ")")).orElse(""), server, config.elasticsearch().hosts());
    }


    private Optional<GtidPosition> snapshot(SourceDatabase database, SchemaCatalog catalog, List<TableMapping> mappings,
                                            ElasticsearchSink elasticsearch, SnapshotProgressFile progressFile,
                                            DocumentVersions versions, CopyFigures figures)
            throws SQLException, InterruptedException {
        List<TableCopy> copies = List.copyOf(tableCopies(catalog, mappings, elasticsearch, versions).values());
        Progress progress = Progress.both(Progress.shown(new java.io.PrintWriter(System.err, true), "copying", clock),
                figures.of("snapshot"));
        return new InitialSnapshot(database, config.snapshot(), copies, progressFile, new StreamOrigin(database.serverId(), versions),
                progress, clock).run(() -> stopRequested);
    }

    private static CopyFigures copyFigures(Optional<Telemetry> telemetry) {
        return telemetry.map(Telemetry::copies).orElse(CopyFigures.NONE);
    }

    /** A copier per mapped table, in mapping order, sharing a mapper of their own (not the stream's). */
    private Map<TableId, TableCopy> tableCopies(SchemaCatalog catalog, List<TableMapping> mappings,
                                                ElasticsearchSink elasticsearch, DocumentVersions versions)
            throws SQLException {
        RelatedTables related = components.relatedTables();
        ChangeMapper mapper = new ChangeMapper(mappings, related.forCopies());
        Map<TableId, TableCopy> copies = new LinkedHashMap<>();
        for (TableId table : new LinkedHashSet<>(mappings.stream().map(TableMapping::table).toList())) {
            TableSchema schema = catalog.table(table).orElseThrow(() -> new IllegalStateException("table " + table
                    + " is gone; it cannot be copied"));
            TableRowReader reader;
            try {
                reader = new TableRowReader(schema);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("cannot snapshot " + table + ": " + e.getMessage(), e);
            }
            List<TableMapping> ofTable = mappings.stream().filter(mapping -> mapping.table().equals(table)).toList();
            copies.put(table, new TableCopy(reader, mapper, elasticsearch, versions, config.snapshot().chunkSize(),
                    new JoinedChunks(related.readersOf(ofTable))));
        }
        return copies;
    }

    /**
     * A copy of {@code table} with its columns as they are now, for one resync, through {@code ofTable} (mappings of
     * that table) with its own catalog and mapper.
     */
    private TableCopy resyncCopy(SourceDatabase database, ElasticsearchSink elasticsearch, DocumentVersions versions,
                                 TableId table, List<TableMapping> ofTable) throws SQLException {
        TableSchema schema = components.freshCatalog().table(table).orElseThrow(() ->
                new IllegalArgumentException("table " + table + " does not exist on the source"));
        RelatedTables related = components.relatedTables();
        return new TableCopy(new TableRowReader(schema), new ChangeMapper(ofTable, related.forCopies()), elasticsearch,
                versions, config.snapshot().chunkSize(), new JoinedChunks(related.readersOf(ofTable)));
    }

    /** The periodic INFO progress line (at most once a minute, see StreamProgress), checked every 5 s. */
    private void startProgressLine() {
        progressTicker = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "progress");
            thread.setDaemon(true);
            return thread;
        });
        SyncPipeline streaming = pipeline;
        BinlogSource reading = source;
        progressTicker.scheduleWithFixedDelay(() -> {
            try {
                reading.progress().tick(streaming.acknowledged().position());
            } catch (RuntimeException e) {
                log.debug("progress line failed", e);
            }
        }, 5, 5, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** Blocks until the daemon stops on its own; returns the failure that stopped it, if any. */
    public Optional<Throwable> awaitTermination() throws InterruptedException {
        if (pipeline == null) {
            throw new IllegalStateException("the daemon is not streaming (stopped during its initial snapshot?)");
        }
        return pipeline.awaitTermination();
    }

    /** Why the daemon failed, if it has; does not wait. */
    public Optional<Throwable> failure() {
        return pipeline == null ? Optional.empty() : pipeline.failure();
    }

    public Checkpoint acknowledged() {
        return pipeline.acknowledged();
    }

    /** Operations left out of bulk requests so far because a newer one of the same document went instead. */
    public long coalescedOperations() {
        return elasticsearch == null ? 0 : elasticsearch.coalescedOperations();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (progressTicker != null) {
            progressTicker.shutdownNow();
        }
        if (resync != null) {
            resync.close();
        }
        if (rebuilds != null) {
            rebuilds.stopLane();
        }
        if (source != null) {
            source.close();
        }
        if (pipeline != null) {
            pipeline.close(config.pipeline().shutdownTimeout());
            Checkpoint last = pipeline.acknowledged();
            if (last != null) {
                log.info("binlog-sync stopped; position saved at {}; {} operations coalesced", last.position(),
                        coalescedOperations());
            }
        }
        if (rebuilds != null) {
            rebuilds.close();
        }
        components.close();
        if (stateLock != null) {
            try {
                stateLock.close();
            } catch (Exception e) {
                log.debug("releasing the state file lock failed: {}", e.toString());
            }
        }
    }
}
