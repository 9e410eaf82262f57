package io.binlogsync.sink.es;

import io.binlogsync.mapping.DocumentOperation;
import io.binlogsync.sink.SinkMetrics;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Keeps, of the operations of one bulk request, only the newest per index and id: Elasticsearch would refuse an
 * older one anyway (its external version is not above the newer one's), so sending it costs bytes and work for
 * nothing. The highest version wins; of equal versions the first wins, as Elasticsearch keeps the first and refuses
 * the others. Survivors keep the order of their key's first appearance. Counts what it dropped, in all and per index
 * (into {@link SinkMetrics}, once per run of one index among the dropped, never per operation).
 */
final class CoalescedOperations {
    private final LongAdder coalesced = new LongAdder();
    private final SinkMetrics metrics;

    CoalescedOperations(SinkMetrics metrics) {
        this.metrics = metrics;
    }

    /** The newest operation per (index, id); the same list when there is nothing to drop. Thread-safe. */
    List<DocumentOperation> newestOf(List<DocumentOperation> operations) {
        int count = operations.size();
        if (count < 2) {
            return operations;
        }
        DocumentOperation[] kept = operations.toArray(new DocumentOperation[0]);
        // open addressing over positions (+1, 0 is free) in a table at most half full: no object per operation
        int[] firstAt = new int[Integer.highestOneBit(count) << 2];
        int mask = firstAt.length - 1;
        int dropped = 0;
        for (int i = 0; i < count; i++) {
            DocumentOperation operation = kept[i];
            int slot = spread(31 * operation.index().hashCode() + operation.id().hashCode()) & mask;
            while (true) {
                int first = firstAt[slot] - 1;
                if (first < 0) {
                    firstAt[slot] = i + 1;
                    break;
                }
                DocumentOperation winner = kept[first];
                if (winner.id().equals(operation.id()) && winner.index().equals(operation.index())) {
                    if (operation.version() > winner.version()) {
                        kept[first] = operation;
                    }
                    kept[i] = null;
                    dropped++;
                    break;
                }
                slot = (slot + 1) & mask;
            }
        }
        if (dropped == 0) {
            return operations;
        }
        coalesced.add(dropped);
        List<DocumentOperation> newest = new ArrayList<>(count - dropped);
        String runIndex = null;
        int run = 0;
        for (int i = 0; i < count; i++) {
            if (kept[i] != null) {
                newest.add(kept[i]);
                continue;
            }
            // a dropped operation's index is that of the one at its place in the request
            String index = operations.get(i).index();
            if (!index.equals(runIndex)) {
                if (run > 0) {
                    metrics.documentsCoalesced(runIndex, run);
                }
                runIndex = index;
                run = 0;
            }
            run++;
        }
        metrics.documentsCoalesced(runIndex, run);
        return newest;
    }

    /** Operations dropped so far because a newer one of the same document went in their place. */
    long count() {
        return coalesced.sum();
    }

    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }
}
