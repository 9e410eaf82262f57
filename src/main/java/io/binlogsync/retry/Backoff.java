package io.binlogsync.retry;

import java.time.Duration;

/** Capped exponential backoff: initial, doubling up to max; {@link #reset()} after a success. Thread-safe. */
public final class Backoff {
    private final Duration initial;
    private final Duration max;
    private Duration next;

    public Backoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max.compareTo(initial) < 0 ? initial : max;
        this.next = initial;
    }

    /** The wait before the next attempt; each call doubles the following one, up to the cap. */
    public synchronized Duration next() {
        Duration current = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        return current;
    }

    public synchronized void reset() {
        next = initial;
    }

    /** Sleeps for the next wait; an interrupt ends the sleep early and is re-asserted on the thread. */
    public boolean sleep() {
        try {
            Thread.sleep(next().toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
