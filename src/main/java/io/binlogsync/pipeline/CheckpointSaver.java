package io.binlogsync.pipeline;

import io.binlogsync.checkpoint.Checkpoint;
import io.binlogsync.checkpoint.StateFile;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Saves acknowledged checkpoints on a thread of its own, so that no writer waits for the disk (a save is two
 * fsyncs). While one save runs, newer checkpoints replace each other and only the newest is saved next: every
 * saved checkpoint is still one that every sink acknowledged, only fewer of them reach the disk when it is slow.
 * Saves start at least {@link #MIN_NANOS_BETWEEN_SAVES} apart, so a fast disk does not save after every batch
 * either: a save is half a dozen system calls and two fsyncs, about 0.8 ms of CPU here, which at 100 saves a second
 * cost a busy stream 6-14% of the CPU its rows cost (the benchmark's reading alone); ten a second cost under 1%,
 * and a crash replays at most a tenth of a second more, which versions make harmless (a waiting {@link #flush},
 * as at a stop, saves at once). Checkpoints must be offered in binlog order.
 */
final class CheckpointSaver {
    private final StateFile stateFile;
    private final Consumer<Checkpoint> onSaved;
    private final Consumer<Throwable> onFailure;
    /** The least time from the start of one save to the start of the next (100 ms: at most ten saves a second). */
    static final long MIN_NANOS_BETWEEN_SAVES = TimeUnit.MILLISECONDS.toNanos(100);

    private final Thread thread;
    /** When the last save started (on the saver's thread only). */
    private long lastSaveStarted;
    /** Threads waiting in {@link #flush}: while any does, a pending checkpoint is saved without waiting its turn. */
    private int flushing;
    private Checkpoint pending;
    private boolean saving;
    private boolean stopped;
    private boolean failed;

    /**
     * @param onSaved   told each checkpoint once it is on disk, in order
     * @param onFailure told when a save fails; nothing is saved after that
     */
    CheckpointSaver(StateFile stateFile, Consumer<Checkpoint> onSaved, Consumer<Throwable> onFailure) {
        this.stateFile = stateFile;
        this.onSaved = onSaved;
        this.onFailure = onFailure;
        this.thread = new Thread(this::run, "checkpoint-saver");
        thread.setDaemon(true);
        lastSaveStarted = System.nanoTime() - MIN_NANOS_BETWEEN_SAVES;
    }

    void start() {
        thread.start();
    }

    /** Hands over the newest acknowledged checkpoint; never blocks. */
    synchronized void offer(Checkpoint checkpoint) {
        if (!stopped) {
            pending = checkpoint;
            notifyAll();
        }
    }

    /** Waits until everything offered is saved; false when {@code timeout} passed or saving stopped first. */
    synchronized boolean flush(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        flushing++;
        notifyAll();
        try {
            while ((pending != null || saving) && !stopped) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return pending == null && !saving && !failed;
        } finally {
            flushing--;
        }
    }

    /**
     * Saves nothing more (what is pending is dropped) and waits for a save under way to end, however long the disk
     * takes: once this returns, the state file's lock may pass to another daemon, and a late save would replace its
     * position. Harmless twice.
     */
    void stop() {
        synchronized (this) {
            stopped = true;
            pending = null;
            notifyAll();
        }
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (true) {
            Checkpoint next;
            synchronized (this) {
                try {
                    awaitTurn();
                } catch (InterruptedException e) {
                    return;
                }
                if (stopped) {
                    return;
                }
                next = pending;
                pending = null;
                saving = true;
            }
            lastSaveStarted = System.nanoTime();
            try {
                stateFile.save(next);
                onSaved.accept(next);
            } catch (RuntimeException | Error e) {
                // told before flush() can return: whoever waits sees the failure already reported
                onFailure.accept(e);
                synchronized (this) {
                    stopped = true;
                    failed = true;
                    saving = false;
                    notifyAll();
                }
                return;
            }
            synchronized (this) {
                saving = false;
                notifyAll();
            }
        }
    }

    /** Waits (holding the monitor) until stopped, or a checkpoint is pending and its save may start. */
    private void awaitTurn() throws InterruptedException {
        while (!stopped) {
            if (pending == null) {
                wait();
                continue;
            }
            long early = lastSaveStarted + MIN_NANOS_BETWEEN_SAVES - System.nanoTime();
            if (early <= 0 || flushing > 0) {
                return;
            }
            TimeUnit.NANOSECONDS.timedWait(this, early);
        }
    }
}
