package io.binlogsync.source.value;

import java.io.Serializable;

/**
 * A zero or impossible date or time as the binlog holds it ({@code 0000-00-00}, {@code 2024-02-30} under
 * ALLOW_INVALID_DATES): no real value exists, so the decoder turns it into null, with a warning once per column.
 */
record InvalidTemporal(String text) implements Serializable {
}
