package io.binlogsync.pipeline;

import io.binlogsync.event.ChangeEvent;
import io.binlogsync.event.RowsChanged;
import io.binlogsync.source.ChangeEventHandler;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;

/**
 * Hands the source's events to the mapper thread a transaction at a time (at most {@code maxEvents} a handoff)
 * rather than one by one: a handoff may wake the mapper thread, which costs more than mapping a one-row event.
 * Rows events wait for the event that ends their transaction; any other event (commit, DDL, failure) goes at once
 * with what waits before it, so nothing that moves the position or stops the pipeline is held back. Blocks while
 * the queue is full, which slows the source down.
 */
final class EventHandoff implements ChangeEventHandler {
    private final BlockingQueue<List<ChangeEvent>> queue;
    private final int maxEvents;
    private List<ChangeEvent> pending;

    EventHandoff(BlockingQueue<List<ChangeEvent>> queue, int maxEvents) {
        this.queue = queue;
        this.maxEvents = maxEvents;
        this.pending = new ArrayList<>(maxEvents);
    }

    @Override
    public synchronized void accept(ChangeEvent event) throws InterruptedException {
        pending.add(event);
        if (!(event instanceof RowsChanged) || pending.size() >= maxEvents) {
            queue.put(pending);
            pending = new ArrayList<>(maxEvents);
        }
    }
}
