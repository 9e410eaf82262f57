package io.binlogsync.progress;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** A progress bar redrawn in place (carriage return), at most five times a second, for a terminal. */
public final class TerminalProgress implements Progress {
    private static final Duration REDRAW = Duration.ofMillis(200);

    private final PrintWriter out;
    private final Clock clock;
    private final RowCount rows;
    private Instant drawn;

    public TerminalProgress(PrintWriter out, Clock clock) {
        this.out = out;
        this.clock = clock;
        this.rows = new RowCount(clock);
    }

    @Override
    public void begin(String what, long estimatedRows) {
        rows.begin(what, estimatedRows);
        draw();
    }

    @Override
    public void advance(long done) {
        rows.add(done);
        if (Duration.between(drawn, clock.instant()).compareTo(REDRAW) >= 0) {
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
        out.print("\r" + rows.bar(30) + " " + rows.line(drawn, true) + "\u001b[K");
        out.flush();
    }
}
