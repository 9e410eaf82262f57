package io.binlogsync.progress;

import io.binlogsync.event.BinlogPosition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Optional;

/**
 * How far streaming is, from what the reader and the pipeline already know: rows read, the commit time of each
 * transaction read (the binlog event's timestamp), and the acknowledged position. {@link #tick} writes one INFO line
 * at most once an {@code interval}: rows/s since the last line, the acknowledged position, and how far behind it is
 * ({@link #behind}: now minus the commit time of the last acknowledged transaction; zero when every transaction read
 * is acknowledged). No line while idle (no row read and the same position as the previous line). Cheap enough to call per event; meant to be shared with a lag gauge.
 */
public final class StreamProgress {
    private static final Logger log = LoggerFactory.getLogger(StreamProgress.class);
    /** Commit times kept for transactions read but not yet acknowledged; older ones are dropped beyond this. */
    private static final int MAX_PENDING = 100_000;

    private final Clock clock;
    private final Duration interval;
    private final ArrayDeque<Commit> pending = new ArrayDeque<>();
    private long rows;
    private Commit lastAcknowledged;
    private Instant loggedAt;
    private long rowsAtLog;
    private BinlogPosition positionAtLog;

    private record Commit(BinlogPosition resumeAt, Instant time) {
    }

    public StreamProgress(Clock clock, Duration interval) {
        this.clock = clock;
        this.interval = interval;
        this.loggedAt = clock.instant();
    }

    /** The reader passed on {@code count} changed rows. */
    public synchronized void rowsRead(long count) {
        rows += count;
    }

    /** The reader passed on the end of a transaction committed at {@code time} (absent for bookkeeping events). */
    public synchronized void committed(BinlogPosition resumeAt, Instant time) {
        if (time == null || time.toEpochMilli() <= 0) {
            return;
        }
        if (pending.size() >= MAX_PENDING) {
            pending.pollFirst();
        }
        pending.addLast(new Commit(resumeAt, time));
    }

    /** Total rows read since start. */
    public synchronized long rows() {
        return rows;
    }

    /**
     * How far behind the acknowledged position is: now minus the commit time of the last acknowledged
     * transaction, zero when nothing read waits for an acknowledgement; empty before any transaction was read.
     */
    public synchronized Optional<Duration> behind(BinlogPosition acknowledged) {
        while (!pending.isEmpty() && pending.peekFirst().resumeAt().compareTo(acknowledged) <= 0) {
            lastAcknowledged = pending.pollFirst();
        }
        if (pending.isEmpty()) {
            return lastAcknowledged == null ? Optional.empty() : Optional.of(Duration.ZERO);
        }
        if (lastAcknowledged == null) {
            // the first transaction read is still in flight: behind by at least its age
            return Optional.of(positive(Duration.between(pending.peekFirst().time(), clock.instant())));
        }
        return Optional.of(positive(Duration.between(lastAcknowledged.time(), clock.instant())));
    }

    /** Writes the progress line if {@code interval} has passed since the last one; returns it for tests. */
    public synchronized Optional<String> tick(BinlogPosition acknowledged) {
        Instant now = clock.instant();
        Duration since = Duration.between(loggedAt, now);
        if (since.compareTo(interval) < 0) {
            return Optional.empty();
        }
        if (rows == rowsAtLog && acknowledged.equals(positionAtLog)) {
            // idle: the previous line still holds; an idle daemon is quiet
            return Optional.empty();
        }
        double seconds = Math.max(since.toMillis(), 1) / 1000.0;
        long rate = Math.round((rows - rowsAtLog) / seconds);
        String line = String.format(Locale.ROOT, "streaming: %,d rows/s, %,d rows since start, acknowledged %s, %s",
                rate, rows, acknowledged, behind(acknowledged).map(StreamProgress::behindText)
                        .orElse("no transaction read yet"));
        loggedAt = now;
        rowsAtLog = rows;
        positionAtLog = acknowledged;
        log.info(line);
        return Optional.of(line);
    }

    private static String behindText(Duration behind) {
        return behind.isZero() ? "caught up" : behind.toSeconds() + " s behind";
    }

    private static Duration positive(Duration duration) {
        return duration.isNegative() ? Duration.ZERO : duration;
    }
}
