package io.binlogsync.bench;

import java.util.Arrays;

/**
 * Lags from commit to acknowledged write, in nanoseconds: percentiles of one run, and a histogram of any number
 * of runs together.
 */
final class LagRecord {
    private static final long[] BUCKET_MILLIS = {10, 50, 100, 250, 500, 1000, 2000};
    private final long[] sorted;

    LagRecord(long[] lags) {
        this.sorted = lags.clone();
        Arrays.sort(sorted);
    }

    int count() {
        return sorted.length;
    }

    double percentileMillis(double percent) {
        int index = (int) Math.ceil(percent / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    double maxMillis() {
        return sorted[sorted.length - 1] / 1e6;
    }

    /** Bucket counts of all the records together; the last bucket holds everything above the last bound. */
    static String histogram(Iterable<LagRecord> records) {
        long[] counts = new long[BUCKET_MILLIS.length + 1];
        long total = 0;
        for (LagRecord record : records) {
            for (long lag : record.sorted) {
                int bucket = 0;
                while (bucket < BUCKET_MILLIS.length && lag > BUCKET_MILLIS[bucket] * 1_000_000) {
                    bucket++;
                }
                counts[bucket]++;
                total++;
            }
        }
        StringBuilder text = new StringBuilder();
        for (int bucket = 0; bucket < counts.length; bucket++) {
            String label = bucket < BUCKET_MILLIS.length ? "<= " + BUCKET_MILLIS[bucket] + " ms"
                    : " > " + BUCKET_MILLIS[BUCKET_MILLIS.length - 1] + " ms";
            double share = total == 0 ? 0 : 100.0 * counts[bucket] / total;
            text.append(String.format("  %-11s %9d %6.2f%% %s%n", label, counts[bucket], share,
                    "#".repeat((int) Math.round(share / 2))));
        }
        return text.toString();
    }
}
