package io.binlogsync.pipeline;

import io.binlogsync.config.BulkConfig;
import io.binlogsync.event.TransactionCommitted;
import io.binlogsync.mapping.ClearIndex;
import io.binlogsync.mapping.DocumentOperation;
import io.binlogsync.mapping.InvalidateKeys;
import io.binlogsync.mapping.RelatedChanges;
import io.binlogsync.mapping.SinkOperation;
import io.binlogsync.sink.SinkBatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Collects operations into the next batch, bounded by action count and bytes, and remembers the last transaction
 * that ended inside it: that is the position the batch may checkpoint once every sink has acknowledged it.
 */
final class BatchAssembler {
    private final BulkConfig limits;
    private List<ClearIndex> clears = new ArrayList<>();
    private List<DocumentOperation> documents = new ArrayList<>();
    private final BatchKeys keys = new BatchKeys();
    private long bytes;
    private TransactionCommitted lastCommit;
    private long openedAtMillis = -1;
    private long nextSequence;

    private final RelatedChanges related;

    BatchAssembler(BulkConfig limits) {
        this(limits, RelatedChanges.NONE);
    }

    /** @param related asked, as each batch closes, which documents with related rows its events call to rebuild */
    BatchAssembler(BulkConfig limits, RelatedChanges related) {
        this.limits = limits;
        this.related = related;
    }

    void add(SinkOperation operation, long nowMillis) {
        open(nowMillis);
        // Java 17 has no pattern switch; SinkOperation is sealed to exactly these three
        if (operation instanceof DocumentOperation document) {
            documents.add(document);
            bytes += document.sizeInBytes();
        } else if (operation instanceof InvalidateKeys invalidate) {
            for (String key : invalidate.keys()) {
                if (keys.add(key)) {
                    bytes += key.length() + 16;
                }
            }
        } else if (operation instanceof ClearIndex clear) {
            // a batch empties its indices before its writes: a clear must open the batch
            if (!documents.isEmpty()) {
                throw new IllegalStateException("an index clear after document writes in one batch");
            }
            clears.add(clear);
        } else {
            throw new IllegalArgumentException("unknown sink operation " + operation);
        }
    }

    void commit(TransactionCommitted commit, long nowMillis) {
        open(nowMillis);
        lastCommit = commit;
    }

    private void open(long nowMillis) {
        if (openedAtMillis < 0) {
            openedAtMillis = nowMillis;
        }
    }

    boolean isFull() {
        // cache keys count towards the bytes, not the actions: a DEL pipeline takes thousands at once
        return documents.size() + related.pendingDocuments() >= limits.maxActions() || bytes >= limits.maxBytes();
    }

    boolean isEmpty() {
        return openedAtMillis < 0;
    }

    /** Milliseconds until the batch is due by age; 0 when due, Long.MAX_VALUE when empty. */
    long millisUntilDue(long nowMillis) {
        if (isEmpty()) {
            return Long.MAX_VALUE;
        }
        return Math.max(0, openedAtMillis + limits.maxWait().toMillis() - nowMillis);
    }

    /** Hands out the batch and starts a new one. */
    PendingBatch take() {
        PendingBatch batch = new PendingBatch(nextSequence++, new SinkBatch(clears, documents, keys.take()),
                Optional.ofNullable(lastCommit), related.take());
        clears = new ArrayList<>();
        // sized like the last batch: under load the next is much the same and fills without regrowing
        documents = new ArrayList<>(Math.max(16, documents.size()));
        bytes = 0;
        lastCommit = null;
        openedAtMillis = -1;
        return batch;
    }
}
