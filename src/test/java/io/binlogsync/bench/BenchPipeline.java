package io.binlogsync.bench;

import io.binlogsync.checkpoint.Checkpoint;
import io.binlogsync.checkpoint.StateFile;
import io.binlogsync.config.SyncConfig;
import io.binlogsync.event.BinlogPosition;
import io.binlogsync.event.TableId;
import io.binlogsync.mapping.ChangeMapper;
import io.binlogsync.mapping.MappingCompiler;
import io.binlogsync.mapping.TableMapping;
import io.binlogsync.pipeline.SyncPipeline;
import io.binlogsync.sink.Sink;
import io.binlogsync.source.binlog.BinlogSource;
import io.binlogsync.source.binlog.StreamStart;
import io.binlogsync.checkpoint.StreamOrigin;
import io.binlogsync.source.jdbc.SchemaCatalog;
import io.binlogsync.source.jdbc.SourceDatabase;

import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The daemon's data path wired as runtime/Daemon wires it (source, mapping, pipeline with its state file), but with
 * the sinks the benchmark chooses: a counting sink for the reading-alone mode, or the real sinks followed by an
 * acknowledgement recorder for the live mode. Starts at a given position instead of reading the state file.
 */
final class BenchPipeline implements AutoCloseable {
    private final SyncConfig config;
    private final List<Sink> sinks;
    private SyncPipeline pipeline;
    private BinlogSource source;
    private StreamStart sourceStart;

    BenchPipeline(SyncConfig config, List<Sink> sinks) {
        this.config = config;
        this.sinks = List.copyOf(sinks);
    }

    /** Prepares, then starts reading. */
    void start(BinlogPosition from) throws SQLException {
        prepare(from);
        startSource();
    }

    /**
     * Everything a daemon does once before it reads: the mappings compiled against the source's tables, the state
     * file saved at {@code from}, the pipeline's threads started. {@link #startSource} then connects to the binlog.
     */
    void prepare(BinlogPosition from) throws SQLException {
        Clock clock = Clock.systemUTC();
        SourceDatabase database = new SourceDatabase(config.source());
        SchemaCatalog catalog = new SchemaCatalog(database);
        List<TableMapping> mappings = MappingCompiler.compile(config.mappings(), catalog::tableColumns);
        Set<TableId> tables = mappings.stream().map(TableMapping::table).collect(Collectors.toUnmodifiableSet());
        StateFile stateFile = new StateFile(config.state().file());
        long serverId = database.serverId();
        Checkpoint start = new Checkpoint(from, Optional.empty(),
                Optional.of(new StreamOrigin(serverId, config.elasticsearch().versions())), clock.instant());
        stateFile.save(start);
        var settings = config.pipeline();
        pipeline = new SyncPipeline(new ChangeMapper(mappings), sinks, stateFile, config.elasticsearch().bulk(),
                settings.queueCapacity(), settings.inFlightBatches(), tables, config.ddl(), clock);
        pipeline.start(start);
        source = new BinlogSource(config.source(), config.elasticsearch().versions(), catalog, tables,
                pipeline.handler(), settings.retryInitialBackoff(), settings.retryMaxBackoff(), clock);
        sourceStart = new StreamStart(start.position(), start.gtid(), false, serverId);
    }

    /** Connects to the binlog and reads from the prepared position. */
    void startSource() {
        source.start(sourceStart);
    }

    Checkpoint acknowledged() {
        return pipeline.acknowledged();
    }

    Optional<Throwable> failure() {
        return pipeline.failure();
    }

    @Override
    public void close() {
        if (source != null) {
            source.close();
        }
        if (pipeline != null) {
            pipeline.close(config.pipeline().shutdownTimeout());
        }
        sinks.forEach(Sink::close);
    }
}
