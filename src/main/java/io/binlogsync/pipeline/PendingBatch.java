package io.binlogsync.pipeline;

import io.binlogsync.event.TransactionCommitted;
import io.binlogsync.sink.SinkBatch;

import java.util.Optional;

/**
 * A batch on its way to the sinks: its place in binlog order, its work, and the transaction end it lets us
 * checkpoint once it and every batch before it are acknowledged.
 */
record PendingBatch(long sequence, SinkBatch work, Optional<TransactionCommitted> checkpoint) {
}
