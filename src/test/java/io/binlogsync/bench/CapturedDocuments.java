package io.binlogsync.bench;

import io.binlogsync.event.TableId;
import io.binlogsync.mapping.DeleteDocument;
import io.binlogsync.mapping.DocumentOperation;
import io.binlogsync.mapping.IndexDocument;
import io.binlogsync.sink.Sink;
import io.binlogsync.sink.SinkBatch;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The daemon's own documents, kept on disk so the raw {@code _bulk} ceiling sends exactly what the daemon sends
 * (same ids, versions, bodies, and index/delete actions in binlog order) without holding them in a 256 MiB heap.
 * As a {@link Sink} it appends every document operation it is given; {@link #replay} reads them back.
 */
final class CapturedDocuments implements Sink {
    private static final TableId TABLE = TableId.parse(ItemsWorkload.TABLE);
    private final Path file;
    private final DataOutputStream out;
    private long count;

    CapturedDocuments(Path file) throws IOException {
        this.file = file;
        this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
    }

    @Override
    public String name() {
        return "capture";
    }

    @Override
    public synchronized void write(SinkBatch batch) {
        try {
            for (DocumentOperation operation : batch.documents()) {
                out.writeUTF(operation.id());
                out.writeLong(operation.version());
                if (operation instanceof IndexDocument index) {
                    out.writeInt(index.source().length);
                    out.write(index.source());
                } else {
                    out.writeInt(-1);
                }
                count++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    synchronized long count() {
        return count;
    }

    /** Reads the operations back, in order, into {@code index}, in lists of at most {@code batchSize}. */
    static void replay(Path file, String index, int batchSize, Consumer<List<DocumentOperation>> batches)
            throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            List<DocumentOperation> batch = new ArrayList<>(batchSize);
            while (true) {
                String id;
                try {
                    id = in.readUTF();
                } catch (EOFException end) {
                    break;
                }
                long version = in.readLong();
                int length = in.readInt();
                if (length < 0) {
                    batch.add(new DeleteDocument(index, id, version, TABLE));
                } else {
                    batch.add(new IndexDocument(index, id, version, in.readNBytes(length), TABLE));
                }
                if (batch.size() == batchSize) {
                    batches.accept(batch);
                    batch = new ArrayList<>(batchSize);
                }
            }
            if (!batch.isEmpty()) {
                batches.accept(batch);
            }
        }
    }

    @Override
    public void ping() {
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + file, e);
        }
    }
}
