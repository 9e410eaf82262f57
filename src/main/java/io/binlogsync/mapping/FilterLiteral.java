package io.binlogsync.mapping;

import io.binlogsync.event.MysqlTime;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A literal of a row filter, read once in every form a column value may need: the value decides which form it is
 * compared with, since a row's values carry their type (the decoded Java values of {@code source.value}) while the
 * mapping knows only column names. Integers and DECIMALs compare as exact decimals, FLOAT and DOUBLE as doubles,
 * dates and times chronologically, everything else as its text ({@link ValueText}: ENUM labels, SET labels joined with ',', the server's text of a zero date).
 */
final class FilterLiteral {
    private static final Pattern TIME = Pattern.compile("(-)?(\\d{1,3}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,6}))?)?");

    private final String text;
    private final BigDecimal number;
    private final boolean wholeLong;
    private final long longValue;
    private final LocalDate date;
    private final LocalDateTime dateTime;
    private final Instant instant;
    private final Long timeMicros;

    FilterLiteral(String text) {
        this.text = text;
        this.number = number(text.strip());
        this.wholeLong = number != null && isWholeLong(number);
        this.longValue = wholeLong ? number.longValueExact() : 0;
        this.date = date(text.strip());
        this.dateTime = dateTime(text.strip());
        this.instant = instant(text.strip());
        this.timeMicros = timeMicros(text.strip());
    }

    String text() {
        return text;
    }

    /** Whether the value equals this literal; the value is not null. */
    boolean equalTo(Object value) {
        // text is the common case (status, ENUM labels): equal strings need no ordering
        return value instanceof String string ? string.equals(text) : compareWith(value) == 0;
    }

    /**
     * Like {@code compareTo}: below zero when the value is less than this literal. The value is not null.
     *
     * @throws IllegalArgumentException when this literal has no form the value compares with
     */
    int compareWith(Object value) {
        if (value instanceof Long number && wholeLong) {
            return Long.compare(number, longValue);
        }
        if (value instanceof Double || value instanceof Float) {
            // as the server compares FLOAT and DOUBLE with a literal: both as doubles (a FLOAT 0.1 is not 0.1)
            return Double.compare(((Number) value).doubleValue(), require(this.number, "a number", "42 or 1.5")
                    .doubleValue());
        }
        if (value instanceof Number number) {
            return decimal(number).compareTo(require(this.number, "a number", "42 or 19.90 (true and false are 1"
                    + " and 0)"));
        }
        if (value instanceof LocalDateTime stamp) {
            return stamp.compareTo(require(dateTime, "a date-time", "2024-05-06T07:08:09, 2024-05-06 07:08:09.5"
                    + " or 2024-05-06 (midnight)"));
        }
        if (value instanceof Instant stamp) {
            return stamp.compareTo(require(instant, "a TIMESTAMP (an instant)", "2024-05-06T07:08:09Z,"
                    + " 2024-05-06T09:08:09+02:00, or without a zone for UTC"));
        }
        if (value instanceof LocalDate day) {
            return day.compareTo(require(date, "a date", "2024-05-06"));
        }
        if (value instanceof MysqlTime time) {
            return Long.compare(micros(time), require(timeMicros, "a TIME", "12:30:00, -01:00:00 or 100:00:00.5"));
        }
        // strings, ENUM and SET labels, zero dates (the server's text), JSON and binary (base64): as text
        return compareText(ValueText.of(value), text);
    }

    private <T> T require(T form, String kind, String examples) {
        if (form == null) {
            throw new IllegalArgumentException("'" + text + "' does not compare with the column's value, which is "
                    + kind + "; write the literal as " + examples);
        }
        return form;
    }

    /** By code point, as a binary collation orders text: no case folding, no padding. */
    private static int compareText(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    private static BigDecimal decimal(Number number) {
        if (number instanceof BigDecimal decimal) {
            return decimal;
        }
        if (number instanceof BigInteger integer) {
            return new BigDecimal(integer);
        }
        return BigDecimal.valueOf(number.longValue());
    }

    private static long micros(MysqlTime time) {
        long micros = ((time.hours() * 60L + time.minutes()) * 60L + time.seconds()) * 1_000_000L + time.micros();
        return time.negative() ? -micros : micros;
    }

    private static BigDecimal number(String text) {
        if (text.equals("true")) {
            return BigDecimal.ONE;
        }
        if (text.equals("false")) {
            return BigDecimal.ZERO;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean isWholeLong(BigDecimal number) {
        try {
            number.longValueExact();
            return true;
        } catch (ArithmeticException e) {
            return false;
        }
    }

    private static LocalDate date(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** 2024-05-06T07:08:09.5, the same with a space for the T (the server's text), or a date for its midnight. */
    private static LocalDateTime dateTime(String text) {
        LocalDate day = date(text);
        if (day != null) {
            return day.atStartOfDay();
        }
        try {
            return LocalDateTime.parse(isoSeparator(text));
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** A date-time with a zone (Z or an offset), or one without, taken as UTC as documents write TIMESTAMPs. */
    private static Instant instant(String text) {
        LocalDateTime local = dateTime(text);
        if (local != null) {
            return local.toInstant(ZoneOffset.UTC);
        }
        try {
            return OffsetDateTime.parse(isoSeparator(text)).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static String isoSeparator(String text) {
        return text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + 'T' + text.substring(11) : text;
    }

    private static Long timeMicros(String text) {
        Matcher time = TIME.matcher(text);
        if (!time.matches()) {
            return null;
        }
        long seconds = (Long.parseLong(time.group(2)) * 60 + Long.parseLong(time.group(3))) * 60
                + (time.group(4) == null ? 0 : Long.parseLong(time.group(4)));
        long micros = seconds * 1_000_000L + (time.group(5) == null ? 0
                : Long.parseLong((time.group(5) + "00000").substring(0, 6)));
        return time.group(1) != null ? -micros : micros;
    }
}
