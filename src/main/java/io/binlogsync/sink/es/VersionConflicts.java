package io.binlogsync.sink.es;

import io.binlogsync.mapping.DocumentOperation;
import io.binlogsync.sink.SinkRejectedException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells an honest version conflict from a suspicious one. A 409 normally means the document already holds a newer
 * change (a replay after a restart): done. But a document whose version lies beyond anything this source has
 * written (beyond the newest binlog file at start and every version sent since) was written from another server
 * or before a RESET MASTER; counting such conflicts as done would freeze the index silently, so they stop the
 * daemon instead.
 */
final class VersionConflicts {
    private static final Pattern CURRENT_VERSION = Pattern.compile("current version \\[(\\d+)]");

    private final long ceilingAtStart;
    private long highestSent;

    VersionConflicts(long ceilingAtStart) {
        this.ceilingAtStart = ceilingAtStart;
    }

    synchronized void sent(long version) {
        highestSent = Math.max(highestSent, version);
    }

    synchronized void requirePlausible(DocumentOperation operation, String reason) {
        if (reason == null) {
            return;
        }
        Matcher matcher = CURRENT_VERSION.matcher(reason);
        if (!matcher.find()) {
            return;
        }
        long current = Long.parseLong(matcher.group(1));
        if (current > Math.max(ceilingAtStart, highestSent)) {
            throw new SinkRejectedException("document '" + operation.id() + "' in index '" + operation.index()
                    + "' (table " + operation.table() + ") holds version " + current + " (binlog file #" + (current >>> 32)
                    + ", offset " + (current & 0xFFFFFFFFL) + "), beyond any position of this source's binlog: the index"
                    + " was written from another server or before RESET MASTER. Recreate the index and resync it;"
                    + " nothing was skipped");
        }
    }
}
