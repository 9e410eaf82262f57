package io.binlogsync.event;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * MariaDB's GTID position text, {@code domain-server-sequence[,domain-server-sequence...]}: the last transaction of
 * each replication domain. (MySQL's GTID sets, {@code uuid:1-100}, are another format.)
 */
public final class MariadbGtids {
    private static final Pattern POSITION = Pattern.compile("\\d+-\\d+-\\d+(,\\d+-\\d+-\\d+)*");

    /** One GTID: a transaction's replication domain, the server that first wrote it, and its sequence number. */
    public record Gtid(long domain, long server, long sequence) {
        @Override
        public String toString() {
            return Long.toUnsignedString(domain) + "-" + Long.toUnsignedString(server) + "-"
                    + Long.toUnsignedString(sequence);
        }
    }

    private MariadbGtids() {
    }

    /** Whether {@code text} is a MariaDB GTID position (an empty one included). */
    public static boolean isPosition(String text) {
        String trimmed = text.replaceAll("\\s+", "");
        return trimmed.isEmpty() || POSITION.matcher(trimmed).matches();
    }

    /** The GTIDs of a position by domain; empty for an empty text. */
    public static Map<Long, Gtid> parse(String text) {
        String trimmed = text == null ? "" : text.replaceAll("\\s+", "");
        if (trimmed.isEmpty()) {
            return Collections.emptyMap();
        }
        if (!POSITION.matcher(trimmed).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a MariaDB GTID position (domain-server-sequence,"
                    + " comma-separated)");
        }
        Map<Long, Gtid> byDomain = new TreeMap<>();
        for (String part : trimmed.split(",")) {
            String[] fields = part.split("-");
            Gtid gtid = new Gtid(Long.parseUnsignedLong(fields[0]), Long.parseUnsignedLong(fields[1]),
                    Long.parseUnsignedLong(fields[2]));
            byDomain.put(gtid.domain(), gtid);
        }
        return byDomain;
    }

    public static String format(Map<Long, Gtid> byDomain) {
        return byDomain.values().stream().map(Gtid::toString).collect(Collectors.joining(","));
    }
}
