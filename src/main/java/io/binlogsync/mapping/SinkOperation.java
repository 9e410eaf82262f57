package io.binlogsync.mapping;

/** What a change asks of the sinks: index or delete a document, delete cache keys, or empty an index. */
public sealed interface SinkOperation permits DocumentOperation, InvalidateKeys, ClearIndex {
}
