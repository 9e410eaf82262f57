package io.binlogsync.progress;

import io.binlogsync.testing.ManualClock;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TerminalProgressTest {

    @Test
    void redrawsTheBarInPlaceAtMostFiveTimesASecondAndEndsTheLine() {
        ManualClock clock = new ManualClock();
        StringWriter text = new StringWriter();
        TerminalProgress progress = new TerminalProgress(new PrintWriter(text), clock);

        progress.begin("shop.items", 1_000);
        clock.advance(Duration.ofMillis(100));
        progress.advance(100);
        clock.advance(Duration.ofMillis(100));
        progress.advance(100);
        clock.advance(Duration.ofMillis(800));
        progress.end();

        String clear = "\u001b[K";
        assertEquals("\r[" + " ".repeat(30) + "] shop.items: 0 / ~1,000 rows (0%), 0 rows/s" + clear
                + "\r[" + "#".repeat(6) + " ".repeat(24) + "] shop.items: 200 / ~1,000 rows (20%), ~0s left, 1,000 rows/s"
                + clear
                + "\r[" + "#".repeat(6) + " ".repeat(24) + "] shop.items: 200 / ~1,000 rows (20%), ~4s left, 200 rows/s"
                + clear + System.lineSeparator(), text.toString());
    }

    @Test
    void eachTableCountsFromZero() {
        ManualClock clock = new ManualClock();
        StringWriter text = new StringWriter();
        TerminalProgress progress = new TerminalProgress(new PrintWriter(text), clock);
        progress.begin("a.one", 0);
        progress.advance(5);
        progress.end();
        text.getBuffer().setLength(0);
        clock.advance(Duration.ofSeconds(1));
        progress.begin("a.two", 0);
        assertEquals("\r[" + " ".repeat(30) + "] a.two: 0 rows, 0 rows/s\u001b[K", text.toString());
    }
}
