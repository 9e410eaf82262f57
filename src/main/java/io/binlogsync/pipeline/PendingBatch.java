package io.binlogsync.pipeline;

import io.binlogsync.event.TransactionCommitted;
import io.binlogsync.sink.SinkBatch;

import io.binlogsync.mapping.DocumentOperation;
import io.binlogsync.mapping.RelatedChanges;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A batch on its way to the sinks: its place in binlog order, its work, and the transaction end it lets us
 * checkpoint once it and every batch before it are acknowledged.
 */
record PendingBatch(long sequence, SinkBatch work, Optional<TransactionCommitted> checkpoint,
                    Optional<RelatedChanges.Rebuild> rebuild) {

    PendingBatch(long sequence, SinkBatch work, Optional<TransactionCommitted> checkpoint) {
        this(sequence, work, checkpoint, Optional.empty());
    }

    /** The work with the documents its rebuild makes (read now, on the writer's thread) added. */
    SinkBatch withRebuilt() throws InterruptedException {
        if (rebuild.isEmpty()) {
            return work;
        }
        List<DocumentOperation> documents = new ArrayList<>(work.documents());
        documents.addAll(rebuild.get().documents());
        List<String> rebuiltKeys = rebuild.get().keys();
        if (rebuiltKeys.isEmpty()) {
            return new SinkBatch(work.clears(), documents, work.keys());
        }
        java.util.Set<String> keys = new java.util.LinkedHashSet<>(work.keys());
        keys.addAll(rebuiltKeys);
        return new SinkBatch(work.clears(), documents, List.copyOf(keys));
    }
}
