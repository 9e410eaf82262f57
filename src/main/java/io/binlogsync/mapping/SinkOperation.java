package io.binlogsync.mapping;

/** What a change asks of the sinks: index or delete a document, or delete cache keys. */
public sealed interface SinkOperation permits DocumentOperation, InvalidateKeys {
}
