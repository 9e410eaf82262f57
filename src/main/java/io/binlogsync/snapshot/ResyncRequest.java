package io.binlogsync.snapshot;

import io.binlogsync.event.TableId;

/**
 * What {@code binlog-sync resync} asked for: a table, and whether to copy it in place (into the live index) or to
 * build every index it writes to anew and switch the index's alias when done.
 *
 * @param newIndex          build into a new index and switch the alias (rather than rewrite the live index)
 * @param indexFromTemplate create the new index with an empty body, so a matching index template gives its settings
 *                          and mappings (rather than copy the live index's)
 * @param keepOldIndex      after the switch, keep the index the alias pointed to (rather than delete it)
 */
public record ResyncRequest(TableId table, boolean newIndex, boolean indexFromTemplate, boolean keepOldIndex) {

    public ResyncRequest {
        if (!newIndex && (indexFromTemplate || keepOldIndex)) {
            throw new IllegalArgumentException("--mapping-from-template and --keep-old-index go with --new-index");
        }
    }

    public static ResyncRequest inPlace(TableId table) {
        return new ResyncRequest(table, false, false, false);
    }

    public static ResyncRequest newIndex(TableId table, boolean indexFromTemplate, boolean keepOldIndex) {
        return new ResyncRequest(table, true, indexFromTemplate, keepOldIndex);
    }
}
