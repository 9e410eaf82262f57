package io.binlogsync.sink;

import io.binlogsync.mapping.DocumentOperation;

import java.util.List;

/** One unit of work for the sinks, in binlog order: document writes and cache keys to delete. */
public record SinkBatch(List<DocumentOperation> documents, List<String> keys) {

    public SinkBatch {
        documents = List.copyOf(documents);
        keys = List.copyOf(keys);
    }

    public boolean isEmpty() {
        return documents.isEmpty() && keys.isEmpty();
    }
}
