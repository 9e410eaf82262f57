package io.binlogsync.sink.es;

import io.binlogsync.mapping.ClearIndex;
import io.binlogsync.mapping.DeleteDocument;
import io.binlogsync.mapping.DocumentOperation;
import io.binlogsync.mapping.IndexDocument;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * While an index is rebuilt under its alias, every document operation and index clear the stream sends to the alias
 * is also sent to the new index, with the same id and version, in the same bulk request, so the sink acknowledges a
 * batch (and the pipeline saves its position) only once both hold it. Writes hold a shared lock for their duration;
 * the alias switch and the end of the dual write take it exclusively, so no bulk request is in flight while the
 * alias moves or the new index is deleted, and none can be sent to an index that is gone (which would create it
 * again). A write the new index refuses for good does not stop the daemon (the live index took it): it is kept as
 * the rebuild's failure, which then gives up. With no rebuild running, a write costs one empty-map check.
 */
public final class DualWrites {
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    /** Alias (the configured index name) to the index being built for it. */
    private volatile Map<String, String> targets = Map.of();
    private volatile String rejection;
    /** Every new index a rebuild of this run wrote to. */
    private final Set<String> built = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * Starts sending the aliases' writes to their new indices too. Waits for writes in flight first: once this
     * returns, every write not yet acknowledged goes to both, so what the copy's snapshots may miss (changes
     * acknowledged before) is only what was committed before them.
     */
    public void start(Map<String, String> newIndexByAlias) throws InterruptedException {
        Lock exclusive = lock.writeLock();
        exclusive.lockInterruptibly();
        try {
            built.addAll(newIndexByAlias.values());
            rejection = null;
            targets = Map.copyOf(newIndexByAlias);
        } finally {
            exclusive.unlock();
        }
    }

    /** Why the new index refused a write for good, if it has. */
    public Optional<String> rejection() {
        return Optional.ofNullable(rejection);
    }

    /** An action to run while no write is in flight. */
    @FunctionalInterface
    public interface Exclusive {
        void run() throws Exception;
    }

    /**
     * Waits (up to {@code deadline}) until no write is in flight, holds new ones back, runs {@code action} (the alias
     * switch), then ends the dual write whether or not it succeeded. Returns false, without running it, when the
     * writes did not stop in time (Elasticsearch retried for that long).
     */
    public boolean endAfter(Duration deadline, Exclusive action) throws Exception {
        Lock exclusive = lock.writeLock();
        if (!exclusive.tryLock(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
            return false;
        }
        try {
            action.run();
            return true;
        } finally {
            targets = Map.of();
            exclusive.unlock();
        }
    }

    /**
     * Ends the dual write: returns true once no write to the new indices is in flight any more, false when one still
     * was at the deadline (it may then create the deleted index again; the next start deletes it).
     */
    public boolean end(Duration deadline) throws InterruptedException {
        Lock exclusive = lock.writeLock();
        boolean locked = exclusive.tryLock(deadline.toMillis(), TimeUnit.MILLISECONDS);
        targets = Map.of();
        if (locked) {
            exclusive.unlock();
        }
        return locked;
    }

    /** Held by the sink while it writes a batch. */
    Lock writing() {
        return lock.readLock();
    }

    /** The operations, followed by their copies for the new indices (the same list when no rebuild runs). */
    List<DocumentOperation> withCopies(List<DocumentOperation> operations) {
        Map<String, String> now = targets;
        if (now.isEmpty()) {
            return operations;
        }
        List<DocumentOperation> all = new ArrayList<>(operations.size() * 2);
        all.addAll(operations);
        for (DocumentOperation operation : operations) {
            String copyTo = now.get(operation.index());
            if (copyTo == null) {
                continue;
            }
            if (operation instanceof IndexDocument document) {
                all.add(new IndexDocument(copyTo, document.id(), document.version(), document.source(),
                        document.table()));
            } else if (operation instanceof DeleteDocument delete) {
                all.add(new DeleteDocument(copyTo, delete.id(), delete.version(), delete.table()));
            }
        }
        return all;
    }

    /** The clears, followed by the same clears of the new indices. */
    List<ClearIndex> withCopiesOfClears(List<ClearIndex> clears) {
        Map<String, String> now = targets;
        if (now.isEmpty() || clears.isEmpty()) {
            return clears;
        }
        List<ClearIndex> all = new ArrayList<>(clears);
        for (ClearIndex clear : clears) {
            String copyTo = now.get(clear.index());
            if (copyTo != null) {
                all.add(new ClearIndex(copyTo, clear.table(), clear.position(), clear.version()));
            }
        }
        return all;
    }

    /**
     * Whether a write to {@code index} is a rebuild's copy (so its failure fails the rebuild, never the daemon, and
     * is not retried: the live stream must not wait for an index nobody searches yet). Known for every index a
     * rebuild of this run started, also after its dual write ended, for writes still in flight then.
     */
    boolean isNewIndex(String index) {
        return built.contains(index);
    }

    void rejected(String reason) {
        if (rejection == null) {
            rejection = reason;
        }
    }
}
