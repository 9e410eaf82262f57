package io.binlogsync.runtime;

import io.binlogsync.pipeline.WorkingThreads;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DaemonHealthTest {
    private static final Duration BOUND = Duration.ofMinutes(5);
    private final List<WorkingThreads.Working> stuck = List.of(
            new WorkingThreads.Working("pipeline-mapper", Duration.ofSeconds(400), false),
            new WorkingThreads.Working("pipeline-writer-2", Duration.ofSeconds(320), true));

    @Test
    void aWedgedThreadIsNamedWithHowLongAndTheSetting() {
        List<String> reasons = DaemonHealth.wedged(stuck, false, BOUND);
        assertEquals(2, reasons.size());
        assertTrue(reasons.get(0).startsWith("thread pipeline-mapper has been on one handoff of events for 400 s,"
                + " over metrics.wedged-after (300 s)"), reasons.get(0));
        assertTrue(reasons.get(1).startsWith("thread pipeline-writer-2 has been on one batch for 320 s"),
                reasons.get(1));
    }

    @Test
    void aWriterRetryingThroughASinkOutageIsNotWedged() {
        List<String> reasons = DaemonHealth.wedged(stuck, true, BOUND);
        assertEquals(1, reasons.size(), "the mapper does not write to sinks: " + reasons);
        assertTrue(reasons.get(0).startsWith("thread pipeline-mapper "), reasons.get(0));
    }
}
