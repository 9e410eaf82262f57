package io.binlogsync.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each pipeline thread began the piece of work it is on now (the mapper: events handed over; a writer: a batch),
 * so that {@code /health} can tell a wedged thread from one that is idle or waiting for another. A thread is marked
 * working when it takes work, and idle when it is done or blocks on another pipeline thread (the mapper waiting for a
 * free writer is back-pressure, not a wedge): only a thread stuck inside its own work stays marked. A mark is a
 * clock read and a volatile write per piece of work, never per row.
 */
public final class WorkingThreads {
    private static final long IDLE = Long.MIN_VALUE;

    private final Clock clock;
    private final Map<String, Mark> marks = new ConcurrentHashMap<>();

    /**
     * A thread on one piece of work for {@code busy}; {@code writesToSinks}: a writer, whose time may be a sink's
     * outage being retried (which is not a wedge).
     */
    public record Working(String thread, Duration busy, boolean writesToSinks) {
    }

    /** One thread's mark; only that thread moves it. */
    final class Mark {
        private final boolean writesToSinks;
        private volatile long since = IDLE;

        private Mark(boolean writesToSinks) {
            this.writesToSinks = writesToSinks;
        }

        void working() {
            since = clock.millis();
        }

        void idle() {
            since = IDLE;
        }
    }

    WorkingThreads(Clock clock) {
        this.clock = clock;
    }

    /** The mark of the calling thread, made on its first call. */
    Mark ofCurrentThread(boolean writesToSinks) {
        return marks.computeIfAbsent(Thread.currentThread().getName(), name -> new Mark(writesToSinks));
    }

    /** The threads on one piece of work for longer than {@code bound}, the longest first. */
    public List<Working> longerThan(Duration bound) {
        long now = clock.millis();
        List<Working> stuck = new ArrayList<>();
        marks.forEach((thread, mark) -> {
            long since = mark.since;
            if (since != IDLE && now - since > bound.toMillis()) {
                stuck.add(new Working(thread, Duration.ofMillis(now - since), mark.writesToSinks));
            }
        });
        stuck.sort((a, b) -> b.busy().compareTo(a.busy()));
        return stuck;
    }
}
