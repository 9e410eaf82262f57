package io.binlogsync.mapping;

import io.binlogsync.event.JsonText;
import io.binlogsync.event.UnrepresentableValue;

import java.math.BigDecimal;
import java.util.Base64;
import java.util.List;

/** The text of a column value where text is needed: document ids and Redis keys. */
public final class ValueText {
    private ValueText() {
    }

    /** Appends the text of {@code value}; numbers without an intermediate string. */
    static void append(StringBuilder text, Object value) {
        if (value instanceof Long number) {
            text.append(number.longValue());
        } else if (value instanceof Integer number) {
            text.append(number.intValue());
        } else {
            text.append(of(value));
        }
    }

    public static String of(Object value) {
        if (value instanceof String string) {
            return string;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (value instanceof UnrepresentableValue invalid) {
            return invalid.serverText();
        }
        if (value instanceof JsonText json) {
            return json.json();
        }
        if (value instanceof java.time.temporal.TemporalAccessor temporal) {
            return TemporalText.of(temporal);
        }
        if (value instanceof List<?> list) {
            StringBuilder text = new StringBuilder();
            for (Object element : list) {
                if (!text.isEmpty()) {
                    text.append(',');
                }
                text.append(of(element));
            }
            return text.toString();
        }
        return String.valueOf(value);
    }
}
