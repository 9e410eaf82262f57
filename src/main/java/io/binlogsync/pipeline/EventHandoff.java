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
 * held back. At most {@code capacity} events, holding at most {@code maxRows} rows, are queued: the source blocks
 * beyond either, which slows it down. The rows bound matters for the events of a long INSERT, which carry dozens of
 * rows each: a thousand of those are tens of megabytes that every young collection would copy while they wait (a
 * few thousand rows keep the mapper fed just as well). {@link #wake} hands over an empty list, so the mapper looks
 * again at its open batch (a writer became free).
 */
final class EventHandoff implements ChangeEventHandler {
    /** Rows that may wait for the mapper (in their events), by default. */
    static final int ROWS_WAITING = 4096;

    /** Events handed over together and the rows they hold (the room they take). */
    private record Handed(List<ChangeEvent> events, int rows) {
    }

    private static final Handed WAKE = new Handed(List.of(), 0);

    private final LinkedBlockingQueue<Handed> queue = new LinkedBlockingQueue<>();
    private final Semaphore room;
    private final Semaphore rowRoom;
    private final int maxEvents;
    private final int maxRows;
    private List<ChangeEvent> pending;
    private int pendingRows;
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
        this(capacity, maxEvents, ROWS_WAITING);
    }

    EventHandoff(int capacity, int maxEvents, int maxRows) {
        this.capacity = Math.max(capacity, maxEvents);
        this.room = new Semaphore(Math.max(capacity, maxEvents));
        this.maxEvents = maxEvents;
        this.maxRows = maxRows;
        this.rowRoom = new Semaphore(maxRows);
        this.pending = new ArrayList<>(maxEvents);
    }

    @Override
    public synchronized void accept(ChangeEvent event) throws InterruptedException {
        pending.add(event);
        boolean rows = event instanceof RowsChanged;
        if (event instanceof RowsChanged changed) {
            pendingRows += changed.rows().size();
        }
        if (!rows || pending.size() >= maxEvents || pendingRows >= maxRows) {
            // a list holding more rows than may wait at all takes all the room: it waits for an empty queue
            Handed handed = new Handed(pending, Math.min(pendingRows, maxRows));
            // the clock is read only when the queue is full: nothing on the common path
            if (!room.tryAcquire(handed.events().size())) {
                waitForRoom(room, handed.events().size());
            }
            if (!rowRoom.tryAcquire(handed.rows())) {
                waitForRoom(rowRoom, handed.rows());
            }
            queue.add(handed);
            pending = new ArrayList<>(maxEvents);
            pendingRows = 0;
        }
    }

    private void waitForRoom(Semaphore semaphore, int permits) throws InterruptedException {
        synchronized (waits) {
            waitingSince = System.nanoTime();
            waiting = true;
        }
        try {
            semaphore.acquire(permits);
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
        queue.add(WAKE);
    }

    /** Whether nothing waits for the mapper now. */
    boolean isEmpty() {
        return queue.isEmpty();
    }

    /** The next events in binlog order (an empty list after {@link #wake}), or null after {@code millis} without any. */
    List<ChangeEvent> poll(long millis) throws InterruptedException {
        Handed handed = queue.poll(millis, TimeUnit.MILLISECONDS);
        if (handed == null) {
            return null;
        }
        room.release(handed.events().size());
        rowRoom.release(handed.rows());
        return handed.events();
    }
}
