package io.binlogsync.verify;

import io.binlogsync.progress.Progress;
import io.binlogsync.related.RelatedTables;

import io.binlogsync.config.ConfigException;
import io.binlogsync.config.ConfigProblem;
import io.binlogsync.mapping.TableMapping;
import io.binlogsync.config.DocumentVersions;
import io.binlogsync.config.SnapshotConfig;
import io.binlogsync.sink.Sink;
import io.binlogsync.index.IndexReader;
import io.binlogsync.source.jdbc.SchemaCatalog;
import io.binlogsync.source.jdbc.SourceDatabase;
import io.binlogsync.source.jdbc.TableRowReader;
import io.binlogsync.source.jdbc.TableSchema;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Compares, for each mapping (or the one asked for), the table with its index: every row's document present and
 * equal ({@link TableCheck}), and no document without a row ({@link ExtraDocumentScan}, once per index, against
 * every table that writes to it). Returns a {@link VerifyReport}; other tests use it as their oracle.
 */
public final class Verifier {
    private static final Duration LOOK_AGAIN_EVERY = Duration.ofMillis(250);

    private final SourceDatabase database;
    private final SchemaCatalog catalog;
    private final List<TableMapping> mappings;
    private final IndexReader index;
    private final Optional<Sink> repairSink;
    private final VerifyOptions options;
    private final Clock clock;
    private final DocumentVersions versions;
    private final SnapshotConfig snapshot;
    private final RelatedTables related;

    /**
     * The verifier of {@code mappings} (compiled against {@code catalog}'s tables), reading documents through
     * {@code index} and, when {@code options.repair()}, rewriting them through {@code repairSink}, the stream's sink.
     * Its caller owns these and closes them.
     */
    public Verifier(SourceDatabase database, SchemaCatalog catalog, List<TableMapping> mappings, IndexReader index,
                    Optional<Sink> repairSink, VerifyOptions options, DocumentVersions versions,
                    SnapshotConfig snapshot, Clock clock) {
        this(database, catalog, mappings, index, repairSink, options, versions, snapshot, clock, RelatedTables.NONE);
    }

    /** @param related the joined mappings' readers: their documents carry related rows */
    public Verifier(SourceDatabase database, SchemaCatalog catalog, List<TableMapping> mappings, IndexReader index,
                    Optional<Sink> repairSink, VerifyOptions options, DocumentVersions versions,
                    SnapshotConfig snapshot, Clock clock, RelatedTables related) {
        this.related = related;
        this.database = database;
        this.catalog = catalog;
        this.mappings = List.copyOf(mappings);
        this.index = index;
        this.repairSink = repairSink;
        this.options = options;
        this.versions = versions;
        this.snapshot = snapshot;
        this.clock = clock;
    }

    /**
     * A {@link ConfigException} when {@code options.table()} names a table no mapping reads; the mappings are
     * those the verifier is handed.
     */
    public static void requireMapped(List<TableMapping> mappings, VerifyOptions options) {
        if (options.table().isPresent() && mappings.stream().noneMatch(m -> m.table().equals(options.table().get()))) {
            throw new ConfigException(List.of(new ConfigProblem("--table", "", "no mapping reads "
                    + options.table().get() + "; the mapped tables are " + mappings.stream().map(TableMapping::table)
                    .distinct().toList())));
        }
    }

    public VerifyReport run(Progress progress) throws SQLException, InterruptedException {
        LagWait lag = new LagWait(options.lagWait(), LOOK_AGAIN_EVERY, clock,
                duration -> Thread.sleep(duration.toMillis()));
        Optional<Repairer> repairer = repairSink.map(sink -> new Repairer(database, snapshot, versions, sink));
        List<MappingReport> reports = new ArrayList<>();
        Set<String> scannedIndices = new HashSet<>();
        try (Connection connection = database.open()) {
            Map<TableMapping, MappedRows> readers = new LinkedHashMap<>();
            for (TableMapping mapping : mappings) {
                if (options.table().isPresent() && !options.table().get().equals(mapping.table())) {
                    continue;
                }
                MappingTally tally = new MappingTally(mapping, options.show());
                try {
                    MappedRows rows = rowsOf(mapping, connection, readers);
                    progress.begin(mapping.table() + " -> " + mapping.index(), SourceDatabase.estimatedRows(connection, mapping.table()));
                    new TableCheck(rows, index, lag, repairer, options.chunkSize()).run(tally, progress);
                    progress.end();
                    if (scannedIndices.add(mapping.index())) {
                        List<MappedRows> writers = new ArrayList<>();
                        for (TableMapping writer : mappings) {
                            if (writer.index().equals(mapping.index())) {
                                writers.add(rowsOf(writer, connection, readers));
                            }
                        }
                        new ExtraDocumentScan(mapping.index(), writers, index, lag, repairer).run(tally);
                    }
                } catch (InterruptedException e) {
                    throw e;
                } catch (Exception e) {
                    tally.failed(e.getClass().getSimpleName() + ": " + e.getMessage());
                }
                reports.add(tally.report());
            }
        }
        return new VerifyReport(reports, options.repair());
    }

    private MappedRows rowsOf(TableMapping mapping, Connection connection, Map<TableMapping, MappedRows> readers)
            throws SQLException {
        MappedRows rows = readers.get(mapping);
        if (rows == null) {
            TableSchema schema = catalog.table(mapping.table()).orElseThrow(() -> new IllegalStateException(
                    "table " + mapping.table() + " of " + mapping.path() + " no longer exists"));
            rows = new MappedRows(mapping, new TableRowReader(schema), connection, related.readerOf(mapping));
            readers.put(mapping, rows);
        }
        return rows;
    }
}
