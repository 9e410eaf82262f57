package io.binlogsync.mapping;

import io.binlogsync.event.TableId;

/** A write to one Elasticsearch document, versioned externally; {@code table} is for error messages. */
public sealed interface DocumentOperation extends SinkOperation permits IndexDocument, DeleteDocument {
    String index();

    String id();

    long version();

    TableId table();

    /** Bytes this operation adds to a bulk request, roughly: its action line and its source. */
    int sizeInBytes();
}
