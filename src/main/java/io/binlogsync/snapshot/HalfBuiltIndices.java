package io.binlogsync.snapshot;

import io.binlogsync.event.TableId;
import io.binlogsync.index.IndexAdmin;
import io.binlogsync.index.ResolvedIndexName;
import io.binlogsync.sink.es.DualWrites;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The new indices of a rebuild that ended before its alias switch, this daemon's or one killed earlier (recorded in
 * {@link ResyncRequests#recordRebuild}): each is deleted unless its alias points to it by now, and its record is
 * forgotten once nothing is left to delete.
 */
final class HalfBuiltIndices {
    private static final Logger log = LoggerFactory.getLogger(HalfBuiltIndices.class);

    private final IndexAdmin admin;
    private final DualWrites dualWrites;
    private final ResyncRequests requests;

    HalfBuiltIndices(IndexAdmin admin, DualWrites dualWrites, ResyncRequests requests) {
        this.admin = admin;
        this.dualWrites = dualWrites;
        this.requests = requests;
    }

    /**
     * Ends the dual write, then deletes each new index its alias does not point to; says what it did. What it could
     * not delete stays recorded for the next start.
     */
    String discard(TableId table, Map<String, String> newIndices) {
        if (newIndices.isEmpty()) {
            return "nothing was created";
        }
        boolean quiet;
        try {
            quiet = dualWrites.end(IndexRebuild.PAUSE_WRITES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            quiet = false;
        }
        String outcome = deleteUnlessLive(newIndices);
        try {
            if (quiet && !outcome.contains("NOT")) {
                requests.forgetRebuild(table);
            }
        } catch (IOException e) {
            log.debug("cannot forget the rebuild of {}: {}", table, e.toString());
        }
        return outcome;
    }

    private String deleteUnlessLive(Map<String, String> newIndices) {
        List<String> parts = new ArrayList<>();
        newIndices.forEach((alias, index) -> {
            try {
                ResolvedIndexName now = admin.resolve(alias);
                if (now.indices().contains(index)) {
                    parts.add("alias " + alias + " points to " + index + " already (switched before the stop); kept");
                    return;
                }
                boolean existed = admin.delete(index);
                parts.add("alias " + alias + " still points to the complete " + String.join(", ", now.indices())
                        + (existed ? "; the half-built index " + index + " was deleted" : ""));
                log.info("half-built index {} deleted; {} is untouched", index, now);
            } catch (IOException | RuntimeException e) {
                log.warn("cannot delete the half-built index {}: {}", index, e.getMessage());
                parts.add("the half-built index " + index + " was NOT deleted (" + e.getMessage() + "); the next start"
                        + " of the daemon deletes it, or delete it by hand");
            }
        });
        return String.join("; ", parts);
    }

    /** Deletes what {@code requests} records as left by an earlier daemon, and marks its resync as failed. */
    void cleanUpAfterEarlierRun() throws IOException {
        for (Map.Entry<TableId, Map<String, String>> left : requests.recordedRebuilds().entrySet()) {
            TableId table = left.getKey();
            String outcome = deleteUnlessLive(left.getValue());
            log.warn("an earlier daemon stopped during the resync of {} into new indices: {}", table, outcome);
            if (!outcome.contains("NOT")) {
                requests.forgetRebuild(table);
            }
            Optional<ResyncRequests.Status> status = requests.status(table);
            if (status.isPresent() && !status.get().finished()) {
                requests.writeStatus(table, new ResyncRequests.Status("failed", status.get().rows(),
                        status.get().estimatedRows(), "the daemon stopped during the resync (killed?); " + outcome
                        + "; ask again", Map.of()));
            }
        }
    }
}
