package io.binlogsync.verify;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** A progress bar redrawn in place (carriage return), at most five times a second, for a terminal. */
public final class TerminalProgress implements Progress {
    private static final Duration REDRAW = Duration.ofMillis(200);

    private final PrintWriter out;
    private final Clock clock;
    private String what;
    private long estimate;
    private long done;
    private Instant started;
    private Instant drawn;

    public TerminalProgress(PrintWriter out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    @Override
    public void begin(String what, long estimatedRows) {
        this.what = what;
        this.estimate = estimatedRows;
        this.done = 0;
        this.started = clock.instant();
        this.drawn = null;
        draw();
    }

    @Override
    public void advance(long rows) {
        done += rows;
        if (drawn == null || Duration.between(drawn, clock.instant()).compareTo(REDRAW) >= 0) {
            draw();
        }
    }

    @Override
    public void end() {
        draw();
        out.println();
        out.flush();
    }

    private void draw() {
        drawn = clock.instant();
        out.print("\r" + ProgressText.bar(done, estimate, 30) + " "
                + ProgressText.line(what, done, estimate, Duration.between(started, drawn)) + "\u001b[K");
        out.flush();
    }
}
