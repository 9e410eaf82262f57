package io.binlogsync.pipeline;

import io.binlogsync.event.TransactionCommitted;

import java.util.Optional;
import java.util.TreeMap;

/**
 * Batches are numbered in binlog order and may be acknowledged out of order when several are in flight. The
 * position may move only as far as the longest run of batches, from the first, that are all acknowledged: this
 * returns the last transaction end in that run whenever the run grows past one.
 */
final class AcknowledgedPrefix {
    private final TreeMap<Long, Optional<TransactionCommitted>> acknowledged = new TreeMap<>();
    private long next;

    /** Records batch {@code sequence}; returns the checkpoint the run now reaches, if it moved past one. */
    synchronized Optional<TransactionCommitted> acknowledge(long sequence, Optional<TransactionCommitted> checkpoint) {
        acknowledged.put(sequence, checkpoint);
        Optional<TransactionCommitted> reached = Optional.empty();
        while (acknowledged.containsKey(next)) {
            Optional<TransactionCommitted> commit = acknowledged.remove(next);
            if (commit.isPresent()) {
                reached = commit;
            }
            next++;
        }
        return reached;
    }
}
