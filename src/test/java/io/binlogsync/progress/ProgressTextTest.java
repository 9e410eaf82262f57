package io.binlogsync.progress;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProgressTextTest {

    @Test
    void rowsOfTheEstimateRateAndTimeLeft() {
        assertEquals("shop.items: 2,500 / ~10,000 rows (25%), ~15s left, 500 rows/s",
                ProgressText.line("shop.items", 2_500, 10_000, Duration.ofSeconds(5)));
        assertEquals("[#####     ]", ProgressText.bar(2_500, 5_000, 10));
    }

    @Test
    void anEstimateBelowTheRowsDoneOrMissingDoesNotBreakTheLine() {
        assertEquals("t: 12 / ~12 rows (100%), 12 rows/s", ProgressText.line("t", 12, 10, Duration.ofSeconds(1)));
        assertEquals("t: 12 rows, 12 rows/s", ProgressText.line("t", 12, 0, Duration.ofSeconds(1)));
        assertEquals("[          ]", ProgressText.bar(0, 0, 10));
    }
}
