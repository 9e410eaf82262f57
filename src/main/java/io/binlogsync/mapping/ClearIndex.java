package io.binlogsync.mapping;

import io.binlogsync.event.BinlogPosition;
import io.binlogsync.event.TableId;

/**
 * Delete every document of an index that only {@code table} writes to: its table was truncated at
 * {@code position}; its deletes carry the statement's {@code version}. Runs before the batch's document writes, so
 * later rows of the table survive it.
 */
public record ClearIndex(String index, TableId table, BinlogPosition position, long version)
        implements SinkOperation {
}
