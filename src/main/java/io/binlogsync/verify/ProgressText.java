package io.binlogsync.verify;

import java.time.Duration;
import java.util.Locale;

/** The text of a progress line: rows done of the estimate, percent, rate and what remains. */
final class ProgressText {
    private ProgressText() {
    }

    static String line(String what, long done, long estimate, Duration elapsed) {
        double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
        long rate = Math.round(done / seconds);
        StringBuilder text = new StringBuilder(what).append(": ").append(String.format(Locale.ROOT, "%,d", done));
        if (estimate > 0) {
            // the estimate is information_schema's; a table may hold more rows than it says
            long total = Math.max(estimate, done);
            text.append(String.format(Locale.ROOT, " / ~%,d rows (%d%%)", total, done * 100 / total));
            if (rate > 0 && total > done) {
                text.append(", ~").append(Duration.ofSeconds((total - done) / rate).toString().substring(2)
                        .toLowerCase(Locale.ROOT)).append(" left");
            }
        } else {
            text.append(" rows");
        }
        return text.append(String.format(Locale.ROOT, ", %,d rows/s", rate)).toString();
    }

    static String bar(long done, long estimate, int width) {
        long total = Math.max(estimate, done);
        int filled = total == 0 ? 0 : (int) (width * done / total);
        return "[" + "#".repeat(filled) + " ".repeat(width - filled) + "]";
    }
}
