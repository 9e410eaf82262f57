package io.binlogsync.mapping;

import io.binlogsync.event.TableId;

/** Index (create or replace) a document; {@code source} is its JSON, serialised once. */
public record IndexDocument(String index, String id, long version, byte[] source, TableId table)
        implements DocumentOperation {

    @Override
    public int sizeInBytes() {
        return source.length + index.length() + id.length() + 80;
    }
}
