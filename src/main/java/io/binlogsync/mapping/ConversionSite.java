package io.binlogsync.mapping;

/** Where a conversion is configured: the mapping's config path and the column, for errors about a value. */
record ConversionSite(String mappingPath, String column) {
    private static final int MAX_VALUE_CHARS = 80;

    /**
     * The error for a value the conversion cannot convert. The pipeline stops on it with the table and the binlog
     * position; the value stays in the binlog, so the way on is to change the conversion, not the row.
     */
    IllegalArgumentException invalid(String valueText, String complaint) {
        String shown = valueText.length() <= MAX_VALUE_CHARS ? valueText
                : valueText.substring(0, MAX_VALUE_CHARS) + "...";
        return new IllegalArgumentException(mappingPath + ".fields.convert." + column + ": column " + column
                + " holds \"" + shown + "\", " + complaint + "; change or remove this conversion and restart"
                + " (the value stays in the binlog, so correcting the row later does not get past it)");
    }
}
