package io.binlogsync.source.value;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MariadbBinaryTypeTest {

    private static String text(MariadbBinaryType type, String hex) {
        return type.textOf(HexFormat.of().parseHex(hex));
    }

    @Test
    void namesOnlyMariadbsOwnBinaryTypes() {
        assertEquals(Optional.of(MariadbBinaryType.UUID), MariadbBinaryType.of("UUID"));
        assertEquals(Optional.of(MariadbBinaryType.INET4), MariadbBinaryType.of("inet4"));
        assertEquals(Optional.of(MariadbBinaryType.INET6), MariadbBinaryType.of("inet6"));
        assertEquals(Optional.empty(), MariadbBinaryType.of("binary"));
    }

    @Test
    void uuidIsWrittenInTheOrderItCameWithDashes() {
        assertEquals("01020304-0506-0708-090a-0b0c0d0e0f10",
                text(MariadbBinaryType.UUID, "0102030405060708090a0b0c0d0e0f10"));
        assertEquals("ffffffff-ffff-ffff-ffff-ffffffffffff", text(MariadbBinaryType.UUID, "ff".repeat(16)));
        // the binlog leaves out trailing zero bytes of a binary string
        assertEquals("12000000-0000-0000-0000-000000000000", text(MariadbBinaryType.UUID, "12"));
        assertEquals("00000000-0000-0000-0000-000000000000", text(MariadbBinaryType.UUID, ""));
    }

    @Test
    void inet4IsDottedDecimal() {
        assertEquals("192.0.2.255", text(MariadbBinaryType.INET4, "c00002ff"));
        assertEquals("0.0.0.0", text(MariadbBinaryType.INET4, ""));
        assertEquals("10.0.0.0", text(MariadbBinaryType.INET4, "0a"));
    }

    @Test
    void inet6FollowsTheServersOwnRules() {
        assertEquals("::", text(MariadbBinaryType.INET6, ""));
        assertEquals("::1", text(MariadbBinaryType.INET6, "00000000000000000000000000000001"));
        assertEquals("2001:db8::1", text(MariadbBinaryType.INET6, "20010db8000000000000000000000001"));
        // the first of two equally long runs of zero groups is the one shortened
        assertEquals("1::2:0:0:3:4", text(MariadbBinaryType.INET6, "00010000000000020000000000030004"));
        assertEquals("1:0:0:2::3", text(MariadbBinaryType.INET6, "00010000000000020000000000000003"));
        // unlike RFC 5952, a single zero group is shortened too
        assertEquals("1::2:3:4:5:6:7", text(MariadbBinaryType.INET6, "00010000000200030004000500060007"));
        assertEquals("1:2:3:4:5:6::", text(MariadbBinaryType.INET6, "00010002000300040005000600000000"));
        assertEquals("fe80::abcd:ef", text(MariadbBinaryType.INET6, "fe8000000000000000000000abcd00ef"));
        // IPv4-mapped and IPv4-compatible addresses end in dotted decimal
        assertEquals("::ffff:192.0.2.1", text(MariadbBinaryType.INET6, "00000000000000000000ffffc0000201"));
        assertEquals("::192.0.2.1", text(MariadbBinaryType.INET6, "000000000000000000000000c0000201"));
        assertEquals("::ffff:0.0.0.1", text(MariadbBinaryType.INET6, "00000000000000000000ffff00000001"));
        assertEquals("::0.1.0.2", text(MariadbBinaryType.INET6, "00000000000000000000000000010002"));
    }

    @Test
    void refusesMoreBytesThanTheTypeHolds() {
        assertThrows(IllegalArgumentException.class, () -> text(MariadbBinaryType.INET4, "0102030405"));
    }
}
