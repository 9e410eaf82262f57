package io.binlogsync.source.value;

import java.util.Locale;
import java.util.Optional;

/**
 * MariaDB's own types that the binlog carries as fixed-length binary strings: UUID (10.7+), INET4 (10.10+) and
 * INET6 (10.5+). Only information_schema names them; their text is the one a SELECT returns.
 */
public enum MariadbBinaryType {
    /** 16 bytes in the RFC 4122 order (the binlog carries the in-memory order, not the swapped in-record one). */
    UUID(16) {
        @Override
        String text(byte[] bytes) {
            StringBuilder text = new StringBuilder(36);
            for (int i = 0; i < 16; i++) {
                if (i == 4 || i == 6 || i == 8 || i == 10) {
                    text.append('-');
                }
                hex(text, bytes[i]);
            }
            return text.toString();
        }
    },
    /** 4 bytes in network order: {@code 192.0.2.1}. */
    INET4(4) {
        @Override
        String text(byte[] bytes) {
            return dotted(bytes, 0);
        }
    },
    /** 16 bytes in network order, written as MariaDB writes them (see {@link #inet6}). */
    INET6(16) {
        @Override
        String text(byte[] bytes) {
            return inet6(bytes);
        }
    };

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private final int length;

    MariadbBinaryType(int length) {
        this.length = length;
    }

    /** The type of an information_schema DATA_TYPE, or empty for any other type. */
    public static Optional<MariadbBinaryType> of(String dataType) {
        return switch (dataType.toLowerCase(Locale.ROOT)) {
            case "uuid" -> Optional.of(UUID);
            case "inet4" -> Optional.of(INET4);
            case "inet6" -> Optional.of(INET6);
            default -> Optional.empty();
        };
    }

    /** The server's text of a value; the binlog may leave out trailing zero bytes, which are put back first. */
    public String textOf(byte[] bytes) {
        if (bytes.length > length) {
            throw new IllegalArgumentException(name() + " value of " + bytes.length + " bytes; it has " + length);
        }
        return text(bytes.length == length ? bytes : java.util.Arrays.copyOf(bytes, length));
    }

    abstract String text(byte[] bytes);

    private static void hex(StringBuilder text, byte b) {
        text.append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
    }

    private static String dotted(byte[] bytes, int at) {
        return (bytes[at] & 0xFF) + "." + (bytes[at + 1] & 0xFF) + "." + (bytes[at + 2] & 0xFF) + "."
                + (bytes[at + 3] & 0xFF);
    }

    /**
     * MariaDB's INET6 text (Inet6::to_string): lower-case hex groups without leading zeros; the longest run of zero
     * groups, the first of equal ones and even a single group, written as {@code ::}; an IPv4-compatible
     * ({@code ::192.0.2.1}) or IPv4-mapped ({@code ::ffff:192.0.2.1}) address ends in its IPv4 text.
     */
    private static String inet6(byte[] bytes) {
        int[] words = new int[8];
        for (int i = 0; i < 8; i++) {
            words[i] = ((bytes[2 * i] & 0xFF) << 8) | (bytes[2 * i + 1] & 0xFF);
        }
        int gapStart = -1;
        int gapLength = 0;
        for (int i = 0; i < 8; ) {
            if (words[i] != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < 8 && words[i] == 0) {
                i++;
            }
            if (i - start > gapLength) {
                gapStart = start;
                gapLength = i - start;
            }
        }
        StringBuilder text = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == gapStart) {
                text.append(i == 0 ? "::" : ":");
                i += gapLength - 1;
            } else if (i == 6 && gapStart == 0 && (gapLength == 6 || (gapLength == 5 && words[5] == 0xFFFF))) {
                return text.append(dotted(bytes, 12)).toString();
            } else {
                text.append(Integer.toHexString(words[i]));
                if (i < 7) {
                    text.append(':');
                }
            }
        }
        return text.toString();
    }
}
