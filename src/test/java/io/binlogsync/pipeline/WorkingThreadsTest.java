package io.binlogsync.pipeline;

import io.binlogsync.testing.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WorkingThreadsTest {
    private final ManualClock clock = new ManualClock();
    private final WorkingThreads threads = new WorkingThreads(clock);

    @Test
    void aThreadOnOnePieceOfWorkLongerThanTheBoundIsListedWithItsNameAndTime() throws Exception {
        WorkingThreads.Mark mapper = onThread("pipeline-mapper", false);
        WorkingThreads.Mark writer = onThread("pipeline-writer-1", true);
        mapper.working();
        clock.advance(Duration.ofSeconds(100));
        writer.working();
        clock.advance(Duration.ofSeconds(200));
        assertEquals(List.of(new WorkingThreads.Working("pipeline-mapper", Duration.ofSeconds(300), false)),
                threads.longerThan(Duration.ofMinutes(4)));
        assertEquals(List.of(new WorkingThreads.Working("pipeline-mapper", Duration.ofSeconds(300), false),
                        new WorkingThreads.Working("pipeline-writer-1", Duration.ofSeconds(200), true)),
                threads.longerThan(Duration.ofMinutes(3)), "the longest first");
    }

    @Test
    void progressRestartsTheTimeAndIdleIsNeverWedged() throws Exception {
        WorkingThreads.Mark mapper = onThread("pipeline-mapper", false);
        mapper.working();
        clock.advance(Duration.ofMinutes(4));
        mapper.working();
        clock.advance(Duration.ofMinutes(4));
        assertEquals(List.of(), threads.longerThan(Duration.ofMinutes(5)), "each piece of work took 4 minutes");
        mapper.idle();
        clock.advance(Duration.ofHours(1));
        assertEquals(List.of(), threads.longerThan(Duration.ofMinutes(5)), "waiting for work is not wedged");
    }

    /** The mark of a thread of that name (marks belong to the thread that asks for them). */
    private WorkingThreads.Mark onThread(String name, boolean writesToSinks) throws InterruptedException {
        AtomicReference<WorkingThreads.Mark> mark = new AtomicReference<>();
        Thread thread = new Thread(() -> mark.set(threads.ofCurrentThread(writesToSinks)), name);
        thread.start();
        thread.join();
        return mark.get();
    }
}
