package io.binlogsync.bench;

import io.binlogsync.mapping.DeleteDocument;
import io.binlogsync.mapping.DocumentOperation;
import io.binlogsync.sink.Sink;
import io.binlogsync.sink.SinkBatch;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The last sink of the live mode: the pipeline calls its sinks one after the other, so when this one is called
 * Elasticsearch and Redis have both acknowledged the batch. Records that moment for each document operation, by id.
 * An id is indexed twice when its row is inserted and then updated; the lower version is the insert.
 */
final class AcknowledgementRecorder implements Sink {
    private final AtomicLongArray firstIndexed;
    private final AtomicLongArray firstVersion;
    private final AtomicLongArray secondIndexed;
    private final AtomicLongArray secondVersion;
    private final AtomicLongArray deleted;

    AcknowledgementRecorder(int maxId) {
        firstIndexed = new AtomicLongArray(maxId + 1);
        firstVersion = new AtomicLongArray(maxId + 1);
        secondIndexed = new AtomicLongArray(maxId + 1);
        secondVersion = new AtomicLongArray(maxId + 1);
        deleted = new AtomicLongArray(maxId + 1);
    }

    @Override
    public String name() {
        return "acknowledgement-recorder";
    }

    @Override
    public void write(SinkBatch batch) {
        long now = System.nanoTime();
        for (DocumentOperation operation : batch.documents()) {
            int id = Integer.parseInt(operation.id());
            if (operation instanceof DeleteDocument) {
                deleted.set(id, now);
            } else if (firstIndexed.get(id) == 0) {
                firstIndexed.set(id, now);
                firstVersion.set(id, operation.version());
            } else {
                secondIndexed.set(id, now);
                secondVersion.set(id, operation.version());
            }
        }
    }

    /** When the change was acknowledged; 0 when it was not (yet). */
    long of(CommitTimes.Kind kind, int id) {
        boolean firstIsInsert = secondIndexed.get(id) == 0 || firstVersion.get(id) < secondVersion.get(id);
        return switch (kind) {
            case INSERT -> firstIsInsert ? firstIndexed.get(id) : secondIndexed.get(id);
            case UPDATE -> firstIsInsert ? secondIndexed.get(id) : firstIndexed.get(id);
            case DELETE -> deleted.get(id);
        };
    }

    @Override
    public void ping() {
    }

    @Override
    public void close() {
    }
}
