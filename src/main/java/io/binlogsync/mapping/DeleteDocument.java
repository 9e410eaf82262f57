package io.binlogsync.mapping;

import io.binlogsync.event.TableId;

public record DeleteDocument(String index, String id, long version, TableId table) implements DocumentOperation {

    @Override
    public int sizeInBytes() {
        return index.length() + id.length() + 80;
    }
}
