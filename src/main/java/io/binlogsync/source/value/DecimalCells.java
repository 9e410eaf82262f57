package io.binlogsync.source.value;

import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;

import java.io.IOException;
import java.math.BigDecimal;

/**
 * Reads a DECIMAL cell of at most 18 digits (a price, an amount) straight into its unscaled long, following MySQL's
 * packing (decimal2bin: the integer and the fraction digits in groups of nine, four bytes a group, the first and last
 * group shortened, big-endian, the sign in the top bit and a negative value with every bit inverted). The
 * replication library reads every DECIMAL into a byte array and adds it up in BigDecimals; this makes one
 * BigDecimal of the same value and scale. Wider DECIMALs are left to the library.
 */
public final class DecimalCells {
    /** The largest precision whose every value fits an unscaled long. */
    public static final int MAX_PRECISION = 18;
    private static final int DIGITS_PER_GROUP = 9;
    private static final int[] BYTES_OF_DIGITS = {0, 1, 1, 2, 2, 3, 3, 4, 4, 4};
    private static final long[] POWERS_OF_TEN = new long[DIGITS_PER_GROUP + 1];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    private DecimalCells() {
    }

    /** Whether {@link #read} reads a DECIMAL of this column metadata (precision in the low byte, scale above). */
    public static boolean reads(int meta) {
        return (meta & 0xFF) <= MAX_PRECISION;
    }

    /** The DECIMAL cell at {@code in}, for a column whose metadata {@link #reads} accepts. */
    public static BigDecimal read(int meta, ByteArrayInputStream in) throws IOException {
        int precision = meta & 0xFF;
        int scale = meta >> 8;
        int integerDigits = precision - scale;
        Reader reader = new Reader(in);
        long unscaled = reader.digits(integerDigits % DIGITS_PER_GROUP);
        for (int i = 0; i < integerDigits / DIGITS_PER_GROUP; i++) {
            unscaled = unscaled * POWERS_OF_TEN[DIGITS_PER_GROUP] + reader.digits(DIGITS_PER_GROUP);
        }
        for (int i = 0; i < scale / DIGITS_PER_GROUP; i++) {
            unscaled = unscaled * POWERS_OF_TEN[DIGITS_PER_GROUP] + reader.digits(DIGITS_PER_GROUP);
        }
        int lastDigits = scale % DIGITS_PER_GROUP;
        unscaled = unscaled * POWERS_OF_TEN[lastDigits] + reader.digits(lastDigits);
        return BigDecimal.valueOf(reader.negative ? -unscaled : unscaled, scale);
    }

    /** Reads the groups of one cell in order; the first byte says the sign, which every byte is read under. */
    private static final class Reader {
        private final ByteArrayInputStream in;
        private boolean first = true;
        private boolean negative;

        Reader(ByteArrayInputStream in) {
            this.in = in;
        }

        /** A group of {@code digits} digits (0 to 9): 0 to 4 bytes, big-endian. */
        long digits(int digits) throws IOException {
            long value = 0;
            for (int i = 0; i < BYTES_OF_DIGITS[digits]; i++) {
                int b = in.read() & 0xFF;
                if (first) {
                    first = false;
                    negative = (b & 0x80) == 0;
                    b ^= 0x80;
                }
                value = (value << 8) | (negative ? ~b & 0xFF : b);
            }
            return value;
        }
    }
}
