package io.binlogsync.pipeline;

import io.binlogsync.event.ChangeEvent;
import io.binlogsync.event.RowsChanged;
import io.binlogsync.source.binlog.ChangeEventHandler;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The bounded queue between the source and the mapper thread. Events go over a transaction at a time (at most
 * {@code maxEvents} a handoff) rather than one by one: a handoff may wake the mapper thread, which costs more than
 * mapping a one-row event. Rows events wait for the event that ends their transaction; any other event (commit,
 * DDL, failure) goes at once with what waits before it, so nothing that moves the position or stops the pipeline is
 * held back. At most {@code capacity} events are queued: the source blocks beyond that, which slows it down.
 * {@link #wake} hands over an empty list, so the mapper looks again at its open batch (a writer became free).
 */
final class EventHandoff implements ChangeEventHandler {
    private final LinkedBlockingQueue<List<ChangeEvent>> queue = new LinkedBlockingQueue<>();
    private final Semaphore room;
    private final int maxEvents;
    private List<ChangeEvent> pending;
    /** The source's waits for room (back-pressure from a full queue; behind it, busy writers): rare, so locked. */
    private final Object waits = new Object();
    private long waitedNanos;
    private long waitingSince;
    private boolean waiting;

    private final int capacity;

    /** Events waiting for the mapper (handed off, not yet taken), roughly. */
    int queued() {
        return capacity - room.availablePermits();
    }

    EventHandoff(int capacity, int maxEvents) {
        this.capacity = Math.max(capacity, maxEvents);
        this.room = new Semaphore(Math.max(capacity, maxEvents));
        this.maxEvents = maxEvents;
        this.pending = new ArrayList<>(maxEvents);
    }

    @Override
    public synchronized void accept(ChangeEvent event) throws InterruptedException {
        pending.add(event);
        if (!(event instanceof RowsChanged) || pending.size() >= maxEvents) {
            // the clock is read only when the queue is full: nothing on the common path
            if (!room.tryAcquire(pending.size())) {
                waitForRoom(pending.size());
            }
            queue.add(pending);
            pending = new ArrayList<>(maxEvents);
        }
    }

    private void waitForRoom(int events) throws InterruptedException {
        synchronized (waits) {
            waitingSince = System.nanoTime();
            waiting = true;
        }
        try {
            room.acquire(events);
        } finally {
            synchronized (waits) {
                waitedNanos += System.nanoTime() - waitingSince;
                waiting = false;
            }
        }
    }

    /** Seconds the source has waited for room in the queue, in all, the wait going on now included. */
    double waitedSeconds() {
        synchronized (waits) {
            return (waitedNanos + (waiting ? System.nanoTime() - waitingSince : 0)) / 1e9;
        }
    }

    /** Wakes the mapper with an empty list: something other than an event wants it to look again. */
    void wake() {
        queue.add(List.of());
    }

    /** Whether nothing waits for the mapper now. */
    boolean isEmpty() {
        return queue.isEmpty();
    }

    /** The next events in binlog order (an empty list after {@link #wake}), or null after {@code millis} without any. */
    List<ChangeEvent> poll(long millis) throws InterruptedException {
        List<ChangeEvent> events = queue.poll(millis, TimeUnit.MILLISECONDS);
        if (events != null) {
            room.release(events.size());
        }
        return events;
    }
}
