package io.binlogsync.source.value;

import com.github.shyiko.mysql.binlog.event.deserialization.ColumnType;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import io.binlogsync.event.MysqlTime;
import io.binlogsync.event.UnrepresentableValue;

import java.io.IOException;
import java.io.Serializable;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * Reads DATE, TIME, DATETIME, TIMESTAMP and YEAR cells exactly, following MySQL's own packing
 * (my_time_packed_from_binary and friends): negative and over-24-hour TIMEs, every fraction digit, and zero or
 * impossible dates kept as the server's own text of them ({@link UnrepresentableValue}) instead of being folded
 * into 1970 or 1900. The replication library's own
 * readers lose the sign of a TIME and go through epoch arithmetic.
 */
public final class TemporalCells {
    /** Returned for a type this class does not read. */
    public static final Serializable NOT_TEMPORAL = new UnrepresentableValue("not a temporal type");

    private static final long TIMEF_INT_OFS = 0x800000L;
    private static final long TIMEF_OFS = 0x800000000000L;
    private static final long DATETIMEF_INT_OFS = 0x8000000000L;

    private TemporalCells() {
    }

    public static Serializable read(ColumnType type, int meta, ByteArrayInputStream in) throws IOException {
        return switch (type) {
            case DATE -> date(in.readInteger(3));
            case TIME -> oldTime(in.readInteger(3));
            case TIME_V2 -> time(timePacked(meta, in), meta);
            case DATETIME -> oldDatetime(in.readLong(8));
            case DATETIME_V2 -> datetime(datetimePacked(meta, in), meta);
            case TIMESTAMP -> timestamp(in.readLong(4), 0, 0);
            case TIMESTAMP_V2 -> timestamp(bigEndian(in.read(4)), fraction(meta, in), meta);
            case YEAR -> year(in.readInteger(1));
            default -> NOT_TEMPORAL;
        };
    }

    private static Serializable date(int packed) {
        int day = packed & 31;
        int month = (packed >>> 5) & 15;
        int year = packed >>> 9;
        return localDate(year, month, day);
    }

    private static Serializable localDate(int year, int month, int day) {
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return new UnrepresentableValue(dateText(year, month, day));
        }
    }

    /** The pre-5.6 TIME: a signed 3-byte integer HHMMSS. */
    private static Serializable oldTime(int raw) {
        int value = raw >= 0x800000 ? raw - 0x1000000 : raw;
        boolean negative = value < 0;
        value = Math.abs(value);
        return new MysqlTime(negative, value / 10000, (value / 100) % 100, value % 100, 0);
    }

    private static long timePacked(int fsp, ByteArrayInputStream in) throws IOException {
        switch (fsp) {
            case 1, 2 -> {
                long intPart = bigEndian(in.read(3)) - TIMEF_INT_OFS;
                int frac = in.read() & 0xFF;
                if (intPart < 0 && frac != 0) {
                    intPart++;
                    frac -= 0x100;
                }
                return (intPart << 24) + frac * 10_000L;
            }
            case 3, 4 -> {
                long intPart = bigEndian(in.read(3)) - TIMEF_INT_OFS;
                int frac = (int) bigEndian(in.read(2));
                if (intPart < 0 && frac != 0) {
                    intPart++;
                    frac -= 0x10000;
                }
                return (intPart << 24) + frac * 100L;
            }
            case 5, 6 -> {
                return bigEndian(in.read(6)) - TIMEF_OFS;
            }
            default -> {
                return (bigEndian(in.read(3)) - TIMEF_INT_OFS) << 24;
            }
        }
    }

    private static Serializable time(long packed, int fsp) {
        boolean negative = packed < 0;
        long value = Math.abs(packed);
        long hms = value >> 24;
        return new MysqlTime(negative, (int) ((hms >> 12) % (1 << 10)), (int) ((hms >> 6) % (1 << 6)),
                (int) (hms % (1 << 6)), (int) (value % (1 << 24)));
    }

    private static long datetimePacked(int fsp, ByteArrayInputStream in) throws IOException {
        long intPart = bigEndian(in.read(5)) - DATETIMEF_INT_OFS;
        return (intPart << 24) + fraction(fsp, in);
    }

    private static Serializable datetime(long packed, int fsp) {
        long ymdhms = packed >> 24;
        long ymd = ymdhms >> 17;
        long ym = ymd >> 5;
        long hms = ymdhms % (1 << 17);
        return localDateTime((int) (ym / 13), (int) (ym % 13), (int) (ymd % (1 << 5)), (int) (hms >> 12),
                (int) ((hms >> 6) % (1 << 6)), (int) (hms % (1 << 6)), (int) (packed % (1 << 24)), fsp);
    }

    /** The pre-5.6 DATETIME: the decimal number YYYYMMDDhhmmss. */
    private static Serializable oldDatetime(long value) {
        long date = value / 1_000_000L;
        long time = value % 1_000_000L;
        return localDateTime((int) (date / 10000), (int) ((date / 100) % 100), (int) (date % 100),
                (int) (time / 10000), (int) ((time / 100) % 100), (int) (time % 100), 0, 0);
    }

    private static Serializable localDateTime(int year, int month, int day, int hour, int minute, int second,
                                              int micros, int fsp) {
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, micros * 1000);
        } catch (DateTimeException e) {
            return new UnrepresentableValue(dateText(year, month, day) + " " + timeText(hour, minute, second, micros,
                    fsp));
        }
    }

    private static Serializable timestamp(long seconds, int micros, int fsp) {
        if (seconds == 0 && micros == 0) {
            return new UnrepresentableValue("0000-00-00 " + timeText(0, 0, 0, 0, fsp));
        }
        return Instant.ofEpochSecond(seconds, micros * 1000L);
    }

    private static Serializable year(int stored) {
        return stored == 0 ? new UnrepresentableValue("0000") : Long.valueOf(1900 + stored);
    }

    /** The server's text of a date part, zero and impossible ones included: {@code 2024-02-30}. */
    private static String dateText(int year, int month, int day) {
        return String.format("%04d-%02d-%02d", year, month, day);
    }

    /** The server's text of a time part: the fraction has exactly the column's {@code fsp} digits. */
    private static String timeText(int hour, int minute, int second, int micros, int fsp) {
        String text = String.format("%02d:%02d:%02d", hour, minute, second);
        int digits = Math.min(fsp, 6);
        return digits == 0 ? text : text + "." + String.format("%06d", micros).substring(0, digits);
    }

    /** Fractional seconds in microseconds: (fsp + 1) / 2 big-endian bytes, scaled to six digits. */
    private static int fraction(int fsp, ByteArrayInputStream in) throws IOException {
        return switch (fsp) {
            case 1, 2 -> (in.read() & 0xFF) * 10_000;
            case 3, 4 -> (int) bigEndian(in.read(2)) * 100;
            case 5, 6 -> (int) bigEndian(in.read(3));
            default -> 0;
        };
    }

    private static long bigEndian(byte[] bytes) {
        long value = 0;
        for (byte b : bytes) {
            value = (value << 8) | (b & 0xFF);
        }
        return value;
    }
}
