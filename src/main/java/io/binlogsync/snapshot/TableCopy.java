package io.binlogsync.snapshot;

import io.binlogsync.config.DocumentVersions;
import io.binlogsync.event.RowChange;
import io.binlogsync.event.RowChangeKind;
import io.binlogsync.event.RowImage;
import io.binlogsync.event.RowsChanged;
import io.binlogsync.event.TableId;
import io.binlogsync.mapping.ChangeMapper;
import io.binlogsync.mapping.DocumentOperation;
import io.binlogsync.mapping.FilteredOutRows;
import io.binlogsync.mapping.ValueText;
import io.binlogsync.progress.Progress;
import io.binlogsync.related.JoinedChunks;
import io.binlogsync.sink.Sink;
import io.binlogsync.sink.SinkBatch;
import io.binlogsync.version.VersionBounds;
import io.binlogsync.source.jdbc.ConsistentReads;
import io.binlogsync.source.jdbc.TableRowReader;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Copies one table's rows into the indices of its mappings, chunk by chunk in primary-key order. Each chunk is read
 * in its own consistent snapshot and its documents carry the version just below that snapshot's binlog position
 * ({@link VersionBounds}), through the same mapping code and Elasticsearch sink as the stream. The next chunk is
 * read while the previous one is written; a chunk counts as done only once Elasticsearch acknowledged it.
 * Cache keys are left alone: copying a row does not change it. A row a mapping's filter leaves out has its
 * document deleted at the chunk's version ({@link FilteredOutRows}).
 */
public final class TableCopy {

    /** Told after each acknowledged chunk: the key of its last row (as text) and how many rows it held. */
    @FunctionalInterface
    public interface ChunkDone {
        void done(List<String> lastKey, int rows);
    }

    private final TableRowReader reader;
    private final ChangeMapper mapper;
    private final Sink elasticsearch;
    private final DocumentVersions versions;
    private final int chunkSize;
    private final JoinedChunks joined;

    public TableCopy(TableRowReader reader, ChangeMapper mapper, Sink elasticsearch, DocumentVersions versions,
                     int chunkSize) {
        this(reader, mapper, elasticsearch, versions, chunkSize, JoinedChunks.NONE);
    }

    /** @param joined makes the documents of the table's joined mappings, which {@code mapper} leaves out */
    public TableCopy(TableRowReader reader, ChangeMapper mapper, Sink elasticsearch, DocumentVersions versions,
                     int chunkSize, JoinedChunks joined) {
        this.joined = joined;
        this.reader = reader;
        this.mapper = mapper;
        this.elasticsearch = elasticsearch;
        this.versions = versions;
        this.chunkSize = chunkSize;
    }

    public TableId table() {
        return reader.table();
    }

    /**
     * Copies the rows whose key follows {@code afterKey} (all rows when it is empty). Returns true when the table
     * is done, false when {@code stop} asked to stop first (every chunk read so far is written and reported).
     */
    public boolean copy(ConsistentReads reads, List<String> afterKey, Progress progress, ChunkDone onChunk,
                        BooleanSupplier stop) throws SQLException, InterruptedException {
        ExecutorService writer = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "snapshot-writer-" + reader.table());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<String> resumeAfter = afterKey;
            Optional<RowImage> after = Optional.empty();
            Future<?> writing = null;
            Chunk pending = null;
            while (true) {
                Chunk chunk = stop.getAsBoolean() ? null : read(reads, after, resumeAfter);
                if (writing != null) {
                    await(writing, reads);
                    onChunk.done(pending.lastKey(), pending.rows());
                    progress.advance(pending.rows());
                }
                if (chunk == null) {
                    reads.release();
                    return false;
                }
                if (chunk.rows() == 0) {
                    reads.release();
                    return true;
                }
                Chunk written = chunk;
                writing = writer.submit(() -> {
                    elasticsearch.write(new SinkBatch(written.documents(), List.of()));
                    return null;
                });
                pending = chunk;
                if (chunk.rows() < chunkSize) {
                    reads.release();
                    await(writing, reads);
                    onChunk.done(pending.lastKey(), pending.rows());
                    progress.advance(pending.rows());
                    return true;
                }
                after = Optional.of(chunk.last());
                resumeAfter = List.of();
            }
        } finally {
            writer.shutdownNow();
        }
    }

    private record Chunk(List<DocumentOperation> documents, RowImage last, List<String> lastKey, int rows) {
    }

    private Chunk read(ConsistentReads reads, Optional<RowImage> after, List<String> afterKey) throws SQLException {
        ConsistentReads.Read<JoinedChunks.Loaded> read = reads.read(connection -> joined.read(connection,
                after.isEmpty() && !afterKey.isEmpty() ? reader.readChunkAfterKey(connection, afterKey, chunkSize)
                        : reader.readChunk(connection, after, chunkSize)), versions == DocumentVersions.GTID);
        List<RowImage> rows = read.value().rows();
        if (rows.isEmpty()) {
            return new Chunk(List.of(), null, List.of(), 0);
        }
        long version = VersionBounds.below(versions, read.at());
        List<DocumentOperation> documents = new ArrayList<>(rows.size());
        for (RowImage row : rows) {
            // every row of a chunk has the same version: all were read at the same point of the binlog
            mapper.map(new RowsChanged(RowChangeKind.INSERT, reader.table(), read.at().position(), version,
                    List.of(RowChange.inserted(row))), operation -> {
                if (operation instanceof DocumentOperation document) {
                    documents.add(document);
                }
            });
            FilteredOutRows.deletes(mapper.mappingsOf(reader.table()), row, version, documents::add);
        }
        read.value().addDocuments(version, documents);
        RowImage last = rows.get(rows.size() - 1);
        return new Chunk(documents, last, keyText(last), rows.size());
    }

    private List<String> keyText(RowImage row) {
        List<String> key = new ArrayList<>();
        for (String column : reader.columns().primaryKey()) {
            key.add(ValueText.of(row.get(column)));
        }
        return key;
    }

    /**
     * Waits for a chunk's write. A write still running after a second releases the snapshot kept open for the next
     * reads (MySQL's global-read-lock snapshots), so a slow Elasticsearch does not keep a transaction open.
     */
    private static void await(Future<?> writing, ConsistentReads reads) throws InterruptedException, SQLException {
        try {
            writing.get(1, TimeUnit.SECONDS);
            return;
        } catch (TimeoutException e) {
            reads.release();
        } catch (ExecutionException e) {
            rethrow(e);
        }
        try {
            writing.get();
        } catch (ExecutionException e) {
            rethrow(e);
        }
    }

    private static void rethrow(ExecutionException e) throws InterruptedException {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause instanceof InterruptedException interrupted) {
            throw interrupted;
        }
        throw new IllegalStateException(cause);
    }
}
