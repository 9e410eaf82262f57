package io.binlogsync.mapping;

import java.util.List;

/** Redis keys to delete, already rendered and deduplicated for one row change. */
public record InvalidateKeys(List<String> keys) implements SinkOperation {

    public InvalidateKeys {
        keys = List.copyOf(keys);
    }
}
