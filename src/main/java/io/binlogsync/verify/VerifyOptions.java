package io.binlogsync.verify;

import io.binlogsync.event.TableId;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What to verify and how: one table or all mapped ones, rows per chunk, how many drifted ids the summary names,
 * whether to repair, and how long to wait for a lagging daemon before calling a difference drift.
 */
public record VerifyOptions(Optional<TableId> table, int chunkSize, int show, boolean repair, Duration lagWait) {
    public static final int DEFAULT_CHUNK_SIZE = 1000;
    public static final int DEFAULT_SHOW = 20;
    public static final Duration DEFAULT_LAG_WAIT = Duration.ofSeconds(10);

    public VerifyOptions {
        Objects.requireNonNull(table, "table");
        if (chunkSize < 1 || chunkSize > 100_000) {
            throw new IllegalArgumentException("--chunk-size must be between 1 and 100000, not " + chunkSize);
        }
        if (show < 0) {
            throw new IllegalArgumentException("--show must not be negative, not " + show);
        }
        if (lagWait.isNegative()) {
            throw new IllegalArgumentException("--lag-wait must not be negative, not " + lagWait);
        }
    }

    /** Every mapping, default chunks, no repair. */
    public static VerifyOptions all() {
        return new VerifyOptions(Optional.empty(), DEFAULT_CHUNK_SIZE, DEFAULT_SHOW, false, DEFAULT_LAG_WAIT);
    }

    public VerifyOptions withRepair(boolean repairing) {
        return new VerifyOptions(table, chunkSize, show, repairing, lagWait);
    }
}
