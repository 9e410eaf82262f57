package io.binlogsync.progress;

import io.binlogsync.event.BinlogPosition;
import io.binlogsync.testing.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamProgressTest {
    private final ManualClock clock = new ManualClock();
    private final StreamProgress progress = new StreamProgress(clock, Duration.ofMinutes(1));

    private static BinlogPosition at(long offset) {
        return new BinlogPosition("bin.000001", offset);
    }

    @Test
    void atMostOneLineAMinuteWithTheRateSinceTheLastLine() {
        progress.rowsRead(600);
        clock.advance(Duration.ofSeconds(59));
        assertEquals(Optional.empty(), progress.tick(at(4)));
        clock.advance(Duration.ofSeconds(1));
        String first = progress.tick(at(4)).orElseThrow();
        assertTrue(first.contains("10 rows/s"), first);
        assertTrue(first.contains("bin.000001"), first);
        assertEquals(Optional.empty(), progress.tick(at(4)));
        progress.rowsRead(120);
        clock.advance(Duration.ofMinutes(2));
        String second = progress.tick(at(4)).orElseThrow();
        assertTrue(second.contains(" 1 rows/s") && second.contains("720 rows since start"), second);
    }

    @Test
    void behindIsTheAgeOfTheLastAcknowledgedCommitAndZeroWhenNothingWaits() {
        assertEquals(Optional.empty(), progress.behind(at(4)));
        Instant start = clock.instant();
        progress.committed(at(100), start.minusSeconds(30));
        progress.committed(at(200), start.minusSeconds(10));
        // the first transaction is still in flight: behind by its age
        assertEquals(Optional.of(Duration.ofSeconds(30)), progress.behind(at(4)));
        clock.advance(Duration.ofSeconds(5));
        assertEquals(Optional.of(Duration.ofSeconds(35)), progress.behind(at(100)));
        assertEquals(Optional.of(Duration.ZERO), progress.behind(at(200)));
        clock.advance(Duration.ofMinutes(1));
        String line = progress.tick(at(200)).orElseThrow();
        assertTrue(line.contains("caught up"), line);
    }

    @Test
    void anIdleDaemonWritesNoLineUntilSomethingMoves() {
        progress.rowsRead(5);
        clock.advance(Duration.ofMinutes(1));
        assertTrue(progress.tick(at(100)).isPresent());
        clock.advance(Duration.ofMinutes(5));
        assertEquals(Optional.empty(), progress.tick(at(100)));
        assertTrue(progress.tick(at(150)).isPresent(), "the position moved");
        clock.advance(Duration.ofMinutes(1));
        progress.rowsRead(1);
        assertTrue(progress.tick(at(150)).isPresent(), "a row was read");
    }

    @Test
    void heartbeatsWithoutATimestampAreNotCommits() {
        progress.committed(at(100), Instant.EPOCH);
        assertEquals(Optional.empty(), progress.behind(at(4)));
    }
}
