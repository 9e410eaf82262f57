package io.binlogsync.pipeline;

import io.binlogsync.event.TransactionCommitted;
import io.binlogsync.sink.SinkBatch;

import java.util.Optional;

/** A batch on its way to the sinks, and the transaction end it lets us checkpoint once they acknowledge it. */
record PendingBatch(SinkBatch work, Optional<TransactionCommitted> checkpoint) {
}
