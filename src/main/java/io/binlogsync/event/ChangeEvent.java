package io.binlogsync.event;

/**
 * What the source hands to the pipeline, in binlog order. Failures travel the same way, so back-pressure and
 * errors have one path.
 */
public sealed interface ChangeEvent permits RowsChanged, TransactionCommitted, SchemaChanged, SourceFailed {
}
