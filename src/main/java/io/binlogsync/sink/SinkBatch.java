package io.binlogsync.sink;

import io.binlogsync.mapping.ClearIndex;
import io.binlogsync.mapping.DocumentOperation;

import java.util.List;

/**
 * One unit of work for the sinks, in binlog order: indices to empty first (truncated tables), then document writes,
 * then cache keys to delete.
 */
public record SinkBatch(List<ClearIndex> clears, List<DocumentOperation> documents, List<String> keys) {

    public SinkBatch {
        clears = List.copyOf(clears);
        documents = List.copyOf(documents);
        keys = List.copyOf(keys);
    }

    public SinkBatch(List<DocumentOperation> documents, List<String> keys) {
        this(List.of(), documents, keys);
    }

    public boolean isEmpty() {
        return clears.isEmpty() && documents.isEmpty() && keys.isEmpty();
    }
}
