package io.binlogsync.event;

/**
 * A MySQL TIME value: a signed duration up to 838:59:59.999999, not only a time of day. Its text is MySQL's own
 * ({@code -12:30:00}, {@code 100:00:00.5}), with the fraction written as DATETIME and TIMESTAMP write theirs: as
 * many digits as it needs, none when it is zero.
 */
public record MysqlTime(boolean negative, int hours, int minutes, int seconds, int micros)
        implements java.io.Serializable {

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(16);
        if (negative) {
            text.append('-');
        }
        if (hours < 10) {
            text.append('0');
        }
        text.append(hours).append(':');
        twoDigits(text, minutes).append(':');
        twoDigits(text, seconds);
        if (micros > 0) {
            int digits = 6;
            int rest = micros;
            while (rest % 10 == 0) {
                rest /= 10;
                digits--;
            }
            String fraction = String.format("%06d", micros);
            text.append('.').append(fraction, 0, digits);
        }
        return text.toString();
    }

    private static StringBuilder twoDigits(StringBuilder text, int value) {
        return text.append(value < 10 ? "0" : "").append(value);
    }
}
