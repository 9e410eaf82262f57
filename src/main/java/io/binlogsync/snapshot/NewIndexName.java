package io.binlogsync.snapshot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The name of an index built to replace what an alias points to: the alias, a dash and the UTC time of the build
 * ({@code products-20250314-093000}), with {@code -2}, {@code -3}, ... when that name is taken.
 */
public final class NewIndexName {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);
    private static final int MAX_BYTES = 255;

    /** Whether an index or alias of a name exists. */
    @FunctionalInterface
    public interface Taken {
        boolean test(String name) throws IOException;
    }

    private NewIndexName() {
    }

    public static String of(String alias, Instant at, Taken taken) throws IOException {
        String base = alias + "-" + STAMP.format(at);
        if (base.getBytes(StandardCharsets.UTF_8).length + 4 > MAX_BYTES) {
            throw new IllegalArgumentException("index name " + alias + " is too long to add the date of a new index"
                    + " to it (Elasticsearch allows 255 bytes); shorten it");
        }
        String name = base;
        for (int suffix = 2; taken.test(name); suffix++) {
            if (suffix > 999) {
                throw new IllegalStateException("indices " + base + " to " + name + " all exist; delete some");
            }
            name = base + "-" + suffix;
        }
        return name;
    }
}
