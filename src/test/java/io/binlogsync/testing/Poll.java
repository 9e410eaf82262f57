package io.binlogsync.testing;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for a condition by asking it again every 50-100 ms until a deadline. The only place in the
 * harness that sleeps.
 *
 * <p>A condition that throws counts as "not yet"; the last failure becomes the cause of the timeout.
 * A condition that knows waiting is pointless (the server process died) throws {@link GiveUp},
 * which ends the wait at once.
 */
public final class Poll {

    private static final long FIRST_INTERVAL_MILLIS = 50;
    private static final long LATER_INTERVAL_MILLIS = 100;
    private static final int FAST_ATTEMPTS = 10;

    private Poll() {
    }

    /** Returns once {@code condition} is true; throws AssertionError at the deadline. */
    public static void until(Duration deadline, String what, BooleanSupplier condition) {
        AtomicReference<Throwable> lastFailure = new AtomicReference<>();
        if (!poll(deadline, what, condition, lastFailure)) {
            throw new AssertionError("timed out after " + format(deadline) + " waiting for " + what, lastFailure.get());
        }
    }

    /** Returns the first value {@code attempt} produces; throws AssertionError at the deadline. */
    public static <T> T value(Duration deadline, String what, Supplier<Optional<T>> attempt) {
        AtomicReference<T> result = new AtomicReference<>();
        until(deadline, what, () -> {
            Optional<T> value = attempt.get();
            value.ifPresent(result::set);
            return value.isPresent();
        });
        return result.get();
    }

    /** Like {@link #until} but answers false at the deadline instead of throwing. */
    public static boolean tryUntil(Duration deadline, String what, BooleanSupplier condition) {
        return poll(deadline, what, condition, new AtomicReference<>());
    }

    private static boolean poll(
            Duration deadline, String what, BooleanSupplier condition, AtomicReference<Throwable> lastFailure) {
        long end = System.nanoTime() + deadline.toNanos();
        for (int attempt = 0; ; attempt++) {
            try {
                if (condition.getAsBoolean()) {
                    return true;
                }
            } catch (GiveUp e) {
                throw e;
            } catch (RuntimeException | AssertionError e) {
                lastFailure.set(e);
            }
            long remainingMillis = (end - System.nanoTime()) / 1_000_000;
            if (remainingMillis <= 0) {
                return false;
            }
            long interval = attempt < FAST_ATTEMPTS ? FIRST_INTERVAL_MILLIS : LATER_INTERVAL_MILLIS;
            sleep(Math.min(interval, remainingMillis), what);
        }
    }

    private static void sleep(long millis, String what) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + what, e);
        }
    }

    public static String format(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    /** Thrown by a condition to stop waiting at once; propagates unchanged. */
    public static final class GiveUp extends RuntimeException {
        public GiveUp(String message) {
            super(message);
        }
    }
}
