package io.binlogsync.verify;

import io.binlogsync.testing.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LagWaitTest {
    private static final Drift A = new Drift("a", Drift.Kind.MISSING, List.of());
    private static final Drift B = new Drift("b", Drift.Kind.DIFFERENT, List.of("title"));

    private final ManualClock clock = new ManualClock();
    private final List<Duration> sleeps = new ArrayList<>();
    private final LagWait wait = new LagWait(Duration.ofSeconds(1), Duration.ofMillis(300), clock, duration -> {
        sleeps.add(duration);
        clock.advance(duration);
    });

    @Test
    void whatCatchesUpIsNotDrift() throws Exception {
        List<List<String>> looks = new ArrayList<>();
        List<Drift> left = wait.settle("t", List.of(A, B), ids -> {
            looks.add(ids);
            return looks.size() == 1 ? List.of(B) : List.of();
        });
        assertEquals(List.of(), left);
        assertEquals(List.of(List.of("a", "b"), List.of("b")), looks, "each look asks only for what still drifts");
    }

    @Test
    void whatStillDiffersAtTheDeadlineIsDrift() throws Exception {
        List<Drift> left = wait.settle("t", List.of(A), ids -> List.of(A));
        assertEquals(List.of(A), left);
        assertEquals(List.of(Duration.ofMillis(300), Duration.ofMillis(300), Duration.ofMillis(300),
                Duration.ofMillis(100)), sleeps, "looks every interval, never past the deadline");
    }

    @Test
    void noSuspectsNoWait() throws Exception {
        assertEquals(List.of(), wait.settle("t", List.of(), ids -> {
            throw new AssertionError("no look expected");
        }));
        assertEquals(List.of(), sleeps);
    }
}
