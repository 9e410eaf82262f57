package io.binlogsync.mapping;

import io.binlogsync.config.FieldConversion;

/** The writer of each conversion of {@code fields.convert}. */
final class FieldConversions {
    /** {@code string}: any value becomes its text, as in document ids and Redis keys; null stays null. */
    private static final FieldWriter TEXT = (json, value) -> {
        if (value == null) {
            json.writeNull();
        } else {
            json.writeString(ValueText.of(value));
        }
    };

    private FieldConversions() {
    }

    static FieldWriter writer(FieldConversion conversion, ConversionSite site) {
        return switch (conversion.kind()) {
            case JSON -> new JsonConversion(site);
            case SPLIT -> new SplitConversion(conversion.separator());
            case EPOCH_MILLIS -> new EpochMillisConversion(site);
            case STRING -> TEXT;
        };
    }
}
