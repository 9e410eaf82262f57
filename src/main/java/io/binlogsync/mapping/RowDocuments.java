package io.binlogsync.mapping;

import io.binlogsync.event.RowImage;

/**
 * The document a mapping makes of one row, serialised exactly as the stream writes it (same field plan, same
 * serializer), for code that reads rows from elsewhere than the binlog: verify, snapshots. One instance per thread.
 */
public final class RowDocuments {
    private final DocumentSerializer serializer = new DocumentSerializer();

    public byte[] source(TableMapping mapping, RowImage row) {
        return serializer.serialize(row, mapping.fields().planFor(row.columns()));
    }
}
