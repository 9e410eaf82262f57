package io.binlogsync.mapping;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * {@code epoch-millis}: a whole number of milliseconds since 1970-01-01 (an integer, a decimal without fraction or
 * numeric text) becomes ISO-8601 UTC instant text, {@code 2024-05-06T07:08:09.123Z}, the fraction written only
 * when it is not zero. Null stays null; anything else stops the pipeline.
 */
record EpochMillisConversion(ConversionSite site) implements FieldWriter {

    @Override
    public void write(JsonGenerator json, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else {
            json.writeString(TemporalText.of(Instant.ofEpochMilli(millis(value))));
        }
    }

    private long millis(Object value) {
        try {
            if (value instanceof Long || value instanceof Integer) {
                return ((Number) value).longValue();
            }
            if (value instanceof BigDecimal decimal) {
                return decimal.longValueExact();
            }
            if (value instanceof Number || value instanceof String) {
                return new BigDecimal(value.toString().trim()).longValueExact();
            }
        } catch (ArithmeticException | NumberFormatException e) {
            // a fraction, beyond a long, or not a number: reported below
        }
        throw site.invalid(ValueText.of(value), "which is not a whole number of milliseconds since 1970-01-01");
    }
}
