package io.binlogsync.source.value;

import com.github.shyiko.mysql.binlog.event.deserialization.AbstractRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DecimalCellsTest {
    private static final int[] BYTES_OF_DIGITS = {0, 1, 1, 2, 2, 3, 3, 4, 4, 4};

    /** MySQL's packing of a DECIMAL: digit groups of nine, the sign in the top bit, a negative value inverted. */
    private static byte[] packed(int precision, int scale, boolean negative, long[] groups, int[] digitsOfGroups) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int g = 0; g < groups.length; g++) {
            int size = BYTES_OF_DIGITS[digitsOfGroups[g]];
            for (int i = size - 1; i >= 0; i--) {
                bytes.write((int) (groups[g] >>> (8 * i)) & 0xFF);
            }
        }
        byte[] packed = bytes.toByteArray();
        if (negative) {
            for (int i = 0; i < packed.length; i++) {
                packed[i] = (byte) ~packed[i];
            }
        }
        packed[0] ^= (byte) 0x80;
        return packed;
    }

    private static int[] digitsOfGroups(int precision, int scale) {
        int integer = precision - scale;
        int[] digits = new int[(integer % 9 > 0 ? 1 : 0) + integer / 9 + scale / 9 + (scale % 9 > 0 ? 1 : 0)];
        int g = 0;
        if (integer % 9 > 0) {
            digits[g++] = integer % 9;
        }
        for (int i = 0; i < integer / 9; i++) {
            digits[g++] = 9;
        }
        for (int i = 0; i < scale / 9; i++) {
            digits[g++] = 9;
        }
        if (scale % 9 > 0) {
            digits[g] = scale % 9;
        }
        return digits;
    }

    private static BigDecimal read(int precision, int scale, byte[] packed) throws IOException {
        return DecimalCells.read(precision | scale << 8, new ByteArrayInputStream(packed));
    }

    @Test
    void readsWhatTheLibraryReadsForEveryPrecisionAndScaleUpTo18Digits() throws IOException {
        Random random = new Random(14);
        for (int precision = 1; precision <= DecimalCells.MAX_PRECISION; precision++) {
            for (int scale = 0; scale <= precision; scale++) {
                int[] digits = digitsOfGroups(precision, scale);
                for (int n = 0; n < 200; n++) {
                    long[] groups = new long[digits.length];
                    for (int g = 0; g < groups.length; g++) {
                        long limit = (long) Math.pow(10, digits[g]);
                        // the edges as often as the middle: zero, one, the largest group
                        int edge = random.nextInt(4);
                        groups[g] = edge == 0 ? 0 : edge == 1 ? limit - 1 : edge == 2 ? 1 : random.nextLong(limit);
                    }
                    byte[] packed = packed(precision, scale, random.nextBoolean(), groups, digits);
                    // the library flips the bytes it is given in place
                    BigDecimal expected = AbstractRowsEventDataDeserializer.asBigDecimal(precision, scale,
                            packed.clone());
                    BigDecimal actual = read(precision, scale, packed);
                    assertEquals(expected, actual, "DECIMAL(" + precision + "," + scale + ")");
                    assertEquals(expected.toPlainString(), actual.toPlainString());
                }
            }
        }
    }

    @Test
    void readsKnownValues() throws IOException {
        // DECIMAL(10,2): 8 integer digits (a 4-byte group) and 2 fraction digits (1 byte)
        assertEquals(new BigDecimal("1234.56"), read(10, 2, packed(10, 2, false, new long[] {1234, 56},
                new int[] {8, 2})));
        assertEquals(new BigDecimal("-1234.56"), read(10, 2, packed(10, 2, true, new long[] {1234, 56},
                new int[] {8, 2})));
        assertEquals(new BigDecimal("0.00"), read(10, 2, packed(10, 2, false, new long[] {0, 0}, new int[] {8, 2})));
        assertEquals(new BigDecimal("999999999999999999"), read(18, 0, packed(18, 0, false,
                new long[] {999_999_999, 999_999_999}, new int[] {9, 9})));
        assertEquals(new BigDecimal("-0.000000000000000001"), read(18, 18, packed(18, 18, true,
                new long[] {0, 1}, new int[] {9, 9})));
    }

    @Test
    void readsOnlyTheCellAndStopsAtTheEndOfTheEvent() throws IOException {
        byte[] packed = packed(5, 2, false, new long[] {123, 45}, new int[] {3, 2});
        byte[] withNext = java.util.Arrays.copyOf(packed, packed.length + 1);
        withNext[packed.length] = 42;
        ByteArrayInputStream in = new ByteArrayInputStream(withNext);
        assertEquals(new BigDecimal("123.45"), DecimalCells.read(5 | 2 << 8, in));
        assertEquals(42, in.read());
        assertThrows(EOFException.class, () -> read(5, 2, new byte[] {(byte) 0x80}));
    }

    @Test
    void leavesWiderDecimalsToTheLibrary() {
        assertTrue(DecimalCells.reads(18 | 4 << 8));
        assertFalse(DecimalCells.reads(19));
        assertFalse(DecimalCells.reads(65 | 30 << 8));
    }
}
