package io.binlogsync.mapping;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The hand-written ISO text must be byte for byte what the JDK's ISO formatters write. */
class TemporalTextTest {
    private static final int[] NANOS = {0, 1, 10, 100, 1_000, 120_000, 123_000, 123_456_000, 500_000_000,
            999_999_999, 100_000_000, 10_000_000, 1_000_000, 123_456_789, 120_000_000};

    @Test
    void writesWhatTheIsoLocalFormattersWrite() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 200_000; i++) {
            int year = i % 10 == 0 ? random.nextInt(-20_000, 20_000) : random.nextInt(0, 10_000);
            LocalDate date = LocalDate.of(year, random.nextInt(1, 13), random.nextInt(1, 29));
            int nanos = i % 3 == 0 ? NANOS[random.nextInt(NANOS.length)] : random.nextInt(1_000_000_000);
            if (i % 7 == 0) {
                nanos = nanos / 1000 * 1000;
            }
            LocalTime time = LocalTime.of(random.nextInt(24), random.nextInt(60), random.nextInt(60), nanos);
            LocalDateTime dateTime = LocalDateTime.of(date, time);
            Instant instant = dateTime.toInstant(java.time.ZoneOffset.UTC);
            assertEquals(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(dateTime), TemporalText.of(dateTime));
            assertEquals(DateTimeFormatter.ISO_LOCAL_DATE.format(date), TemporalText.of(date));
            assertEquals(DateTimeFormatter.ISO_LOCAL_TIME.format(time), TemporalText.of(time));
            assertEquals(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(dateTime) + "Z", TemporalText.of(instant));
        }
    }

    @Test
    void writesTheEdgesOfTheRange() {
        for (LocalDateTime value : new LocalDateTime[]{LocalDateTime.of(0, 1, 1, 0, 0), LocalDateTime.of(9999, 12, 31,
                23, 59, 59, 999_999_999), LocalDateTime.of(10_000, 1, 1, 0, 0), LocalDateTime.of(-1, 12, 31, 0, 0),
                LocalDateTime.of(1970, 1, 1, 0, 0, 0, 1)}) {
            assertEquals(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(value), TemporalText.of(value));
            Instant instant = value.toInstant(java.time.ZoneOffset.UTC);
            assertEquals(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(value) + "Z", TemporalText.of(instant));
        }
        // one fraction rule: a TIMESTAMP's instant is spelled as a DATETIME's value is, not in groups of three
        assertEquals("2024-02-29T13:04:05.5", TemporalText.of(LocalDateTime.of(2024, 2, 29, 13, 4, 5, 500_000_000)));
        assertEquals("2024-02-29T13:04:05.5Z", TemporalText.of(Instant.parse("2024-02-29T13:04:05.5Z")));
        assertEquals("2024-02-29T13:04:05.1234Z", TemporalText.of(Instant.parse("2024-02-29T13:04:05.123400Z")));
        assertEquals("13:04:05.12", TemporalText.of(LocalTime.of(13, 4, 5, 120_000_000)));
        assertEquals("00:00:00", TemporalText.of(LocalTime.MIDNIGHT));
    }

    /** The JSON string {@link TemporalText#write} writes, read back. */
    private static String written(java.time.temporal.TemporalAccessor value) throws java.io.IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (com.fasterxml.jackson.core.JsonGenerator json = new com.fasterxml.jackson.core.JsonFactory()
                .createGenerator(out)) {
            TemporalText.write(json, value);
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void writesTheSameTextAsAJsonString() throws java.io.IOException {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            int year = i % 10 == 0 ? random.nextInt(-20_000, 20_000) : random.nextInt(0, 10_000);
            LocalDateTime dateTime = LocalDateTime.of(year, random.nextInt(1, 13), random.nextInt(1, 29),
                    random.nextInt(24), random.nextInt(60), random.nextInt(60), random.nextInt(1_000_000) * 1000);
            Instant instant = dateTime.toInstant(java.time.ZoneOffset.UTC);
            for (java.time.temporal.TemporalAccessor value : new java.time.temporal.TemporalAccessor[] {dateTime,
                    dateTime.toLocalDate(), dateTime.toLocalTime(), instant}) {
                assertEquals("\"" + TemporalText.of(value) + "\"", written(value));
            }
        }
        java.time.OffsetDateTime other = java.time.OffsetDateTime.parse("2024-02-29T13:04:05+02:00");
        assertEquals("\"" + other + "\"", written(other));
    }
}
