package io.binlogsync.mapping;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;

/**
 * ISO-8601 text of date and time values, seconds always written (toString() drops ":00"), and one fraction rule
 * for every temporal type: as many digits as the value needs, none when it is zero ({@code 07:08:09.5}, never
 * {@code 07:08:09.500}), so one instant has one spelling whatever the column's precision. Exactly what
 * {@code DateTimeFormatter.ISO_LOCAL_DATE_TIME} (and ISO_LOCAL_DATE, ISO_LOCAL_TIME) write, and ISO_INSTANT's text
 * with that fraction, but for years 0 to 9999 without the formatter's generic machinery, which was a fifth of the
 * mapping thread's time.
 */
final class TemporalText {
    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
            100_000_000, 1_000_000_000};

    /** yyyy-MM-ddTHH:mm:ss.nnnnnnnnnZ, the longest text written here. */
    private static final int LONGEST = 30;

    private TemporalText() {
    }

    static String of(TemporalAccessor value) {
        byte[] text = new byte[LONGEST];
        int length = plainText(text, value);
        return length >= 0 ? ascii(text, length) : generalText(value);
    }

    /** Writes {@link #of}'s text as a JSON string, without making a String of it for the usual years. */
    static void write(JsonGenerator json, TemporalAccessor value) throws IOException {
        byte[] text = new byte[LONGEST];
        int length = plainText(text, value);
        if (length >= 0) {
            // ASCII digits and separators: nothing to escape, the bytes are the UTF-8
            json.writeUTF8String(text, 0, length);
        } else {
            json.writeString(generalText(value));
        }
    }

    /** The text of a value of years 0 to 9999 written into {@code text}; its length, or -1 for any other value. */
    private static int plainText(byte[] text, TemporalAccessor value) {
        if (value instanceof LocalDateTime dateTime) {
            if (!plainYear(dateTime.getYear())) {
                return -1;
            }
            int end = time(text, date(text, 0, dateTime.toLocalDate()) + 1, dateTime.toLocalTime());
            text[10] = 'T';
            return end;
        }
        if (value instanceof LocalTime time) {
            return time(text, 0, time);
        }
        if (value instanceof Instant instant) {
            LocalDateTime utc = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
            if (!plainYear(utc.getYear())) {
                return -1;
            }
            int end = time(text, date(text, 0, utc.toLocalDate()) + 1, utc.toLocalTime());
            text[10] = 'T';
            text[end] = 'Z';
            return end + 1;
        }
        if (value instanceof LocalDate date) {
            return plainYear(date.getYear()) ? date(text, 0, date) : -1;
        }
        return -1;
    }

    /** The text of what {@link #plainText} does not write: other years through the formatters, other types as such. */
    private static String generalText(TemporalAccessor value) {
        if (value instanceof LocalDateTime dateTime) {
            return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(dateTime);
        }
        if (value instanceof Instant instant) {
            return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
                    LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC)) + "Z";
        }
        if (value instanceof LocalDate date) {
            return DateTimeFormatter.ISO_LOCAL_DATE.format(date);
        }
        return value.toString();
    }

    private static boolean plainYear(int year) {
        return year >= 0 && year <= 9999;
    }

    /** yyyy-MM-dd at {@code at}; returns where it ends. */
    private static int date(byte[] text, int at, LocalDate date) {
        int year = date.getYear();
        digits(text, at, year / 100);
        digits(text, at + 2, year % 100);
        text[at + 4] = '-';
        digits(text, at + 5, date.getMonthValue());
        text[at + 7] = '-';
        digits(text, at + 8, date.getDayOfMonth());
        return at + 10;
    }

    /** How many characters the fraction takes, its point included: as few digits as it needs, none when zero. */
    private static int fractionLength(int nanos) {
        if (nanos == 0) {
            return 0;
        }
        int digits = 9;
        int rest = nanos;
        // milli- and microsecond columns end in zeros by the three: skip those at once
        if (rest % 1_000_000 == 0) {
            rest /= 1_000_000;
            digits = 3;
        } else if (rest % 1_000 == 0) {
            rest /= 1_000;
            digits = 6;
        }
        while (rest % 10 == 0) {
            rest /= 10;
            digits--;
        }
        return 1 + digits;
    }

    private static int time(byte[] text, int at, LocalTime time) {
        digits(text, at, time.getHour());
        text[at + 2] = ':';
        digits(text, at + 3, time.getMinute());
        text[at + 5] = ':';
        digits(text, at + 6, time.getSecond());
        int end = at + 8;
        int fraction = fractionLength(time.getNano());
        if (fraction > 0) {
            text[end] = '.';
            int digits = fraction - 1;
            int value = time.getNano() / POWERS_OF_TEN[9 - digits];
            for (int i = digits; i >= 1; i--) {
                text[end + i] = (byte) ('0' + value % 10);
                value /= 10;
            }
            end += fraction;
        }
        return end;
    }

    private static void digits(byte[] text, int at, int twoDigits) {
        text[at] = (byte) ('0' + twoDigits / 10);
        text[at + 1] = (byte) ('0' + twoDigits % 10);
    }

    @SuppressWarnings("deprecation")
    private static String ascii(byte[] text, int length) {
        // the deprecated constructor is the one that copies ASCII bytes without a charset decoder
        return new String(text, 0, 0, length);
    }
}
