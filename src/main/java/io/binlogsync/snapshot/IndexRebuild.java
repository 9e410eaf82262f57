package io.binlogsync.snapshot;

import io.binlogsync.config.SnapshotConfig;
import io.binlogsync.event.TableId;
import io.binlogsync.mapping.TableMapping;
import io.binlogsync.progress.Progress;
import io.binlogsync.index.AliasSwitch;
import io.binlogsync.sink.es.DualWrites;
import io.binlogsync.index.IndexAdmin;
import io.binlogsync.index.ResolvedIndexName;
import io.binlogsync.source.jdbc.ConsistentReads;
import io.binlogsync.source.jdbc.SourceDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * A resync into new indices ({@code binlog-sync resync --new-index}): every index the table's mappings write to is
 * built anew under a new name, from every mapping that writes to it (other tables' documents would vanish
 * otherwise), while the stream writes each change both to the live alias and to the new index ({@link DualWrites});
 * then one atomic {@code _aliases} request points each alias at its new index ({@link AliasSwitch}). Searches go to
 * the alias throughout and never see a half-filled index. Chunk versions make chunk and stream order irrelevant in
 * the new index as in the live one. On any failure or stop before the switch, the dual write ends, the new indices
 * are deleted and the aliases stay where they were; a daemon killed meanwhile leaves a record
 * ({@link ResyncRequests#recordRebuild}) that its next start cleans up ({@link #cleanUpAfterEarlierRun}).
 */
public final class IndexRebuild {
    private static final Logger log = LoggerFactory.getLogger(IndexRebuild.class);
    /** How long the switch (or the end of the dual write) may wait for in-flight bulk requests. */
    private static final Duration PAUSE_WRITES = Duration.ofSeconds(60);
    /** Searches that began on the old index before the switch may end before it is deleted. */
    private static final Duration BEFORE_DELETING_OLD = Duration.ofSeconds(2);

    private final IndexAdmin admin;
    private final DualWrites dualWrites;
    private final List<TableMapping> mappings;
    private final TableCopies copies;
    private final SnapshotConfig snapshot;
    private final SourceDatabase database;
    private final ResyncRequests requests;
    private final Clock clock;

    public IndexRebuild(IndexAdmin admin, DualWrites dualWrites, List<TableMapping> mappings, TableCopies copies,
                        SourceDatabase database, SnapshotConfig snapshot, ResyncRequests requests, Clock clock) {
        this.admin = admin;
        this.dualWrites = dualWrites;
        this.mappings = List.copyOf(mappings);
        this.copies = copies;
        this.database = database;
        this.snapshot = snapshot;
        this.requests = requests;
        this.clock = clock;
    }

    /** Set on the rebuild's thread once the _aliases request is on its way. */
    private boolean switchSent;

    /** Why a rebuild ended before its switch. */
    private static final class RebuildAbandoned extends Exception {
        RebuildAbandoned(String message) {
            super(message);
        }
    }

    /** Rebuilds and switches, or gives up cleanly; the outcome is in the table's status. */
    public void run(ResyncRequest request, BooleanSupplier stop) {
        TableId table = request.table();
        Map<String, String> newIndices = new LinkedHashMap<>();
        long[] rows = {0};
        long estimate = 0;
        boolean switched = false;
        switchSent = false;
        try {
            List<String> aliases = mappings.stream().filter(m -> m.table().equals(table)).map(TableMapping::index)
                    .distinct().toList();
            if (aliases.isEmpty()) {
                throw new IllegalArgumentException("no mapping reads " + table);
            }
            List<TableMapping> rebuilt = mappings.stream().filter(m -> aliases.contains(m.index())).toList();
            LinkedHashSet<TableId> tables = new LinkedHashSet<>(List.of(table));
            rebuilt.forEach(m -> tables.add(m.table()));
            Map<String, ResolvedIndexName> before = new LinkedHashMap<>();
            for (String alias : aliases) {
                before.put(alias, writable(admin.resolve(alias)));
                newIndices.put(alias, NewIndexName.of(alias, clock.instant(),
                        name -> newIndices.containsValue(name) || admin.exists(name)));
            }
            if (request.indexFromTemplate()) {
                for (Map.Entry<String, String> entry : newIndices.entrySet()) {
                    if (admin.templatesMatching(entry.getValue()).isEmpty()) {
                        throw new IllegalArgumentException("no index template matches " + entry.getValue() + "; add"
                                + " one whose index_patterns match it (e.g. \"" + entry.getKey() + "-*\"), or leave"
                                + " out --mapping-from-template to copy the live index's settings and mappings");
                    }
                }
            }
            for (TableId each : tables) {
                estimate += database.estimatedRows(each);
            }
            String plan = plan(before, newIndices, tables);
            requests.recordRebuild(table, newIndices);
            requests.writeStatus(table, new ResyncRequests.Status("running", 0, estimate, plan, newIndices));
            log.info("resync of {} into new indices begins (~{} rows): {}", table, estimate, plan);
            for (Map.Entry<String, String> entry : newIndices.entrySet()) {
                admin.create(entry.getValue(), request.indexFromTemplate() ? Optional.empty()
                        : before.get(entry.getKey()).liveIndex());
            }
            dualWrites.start(newIndices);
            long started = System.nanoTime();
            copyAll(table, tables, rebuilt, newIndices, rows, estimate, plan, stop);
            for (String index : newIndices.values()) {
                admin.refresh(index);
            }
            AliasSwitch[] applied = {null};
            boolean paused = dualWrites.endAfter(PAUSE_WRITES, () -> {
                requireNoRejection();
                List<AliasSwitch> switches = new ArrayList<>();
                for (String alias : aliases) {
                    switches.add(AliasSwitch.to(writable(admin.resolve(alias)), newIndices.get(alias),
                            request.keepOldIndex()));
                }
                applied[0] = AliasSwitch.combined(switches);
                // from here on a failure may still have switched (a timeout, an unacknowledged answer): see below
                switchSent = true;
                admin.switchAliases(applied[0]);
            });
            if (!paused) {
                throw new RebuildAbandoned("writes to Elasticsearch did not pause within " + PAUSE_WRITES.toSeconds()
                        + " s for the alias switch (is Elasticsearch retrying?)");
            }
            switched = true;
            requests.forgetRebuild(table);
            long millis = Math.max(1, (System.nanoTime() - started) / 1_000_000);
            log.info("resync of {} into new indices done: {} rows in {} s; aliases switched: {}", table, rows[0],
                    millis / 1000, applied[0].actions());
            String outcome = switchedText(newIndices) + deleteOld(applied[0].deleteAfter(), request.keepOldIndex(),
                    before);
            requests.writeStatus(table, new ResyncRequests.Status("done", rows[0], estimate, outcome, Map.of()));
        } catch (Exception e) {
            boolean interrupted = Thread.interrupted();
            String why = e instanceof InterruptedException || (stop.getAsBoolean() && !(e instanceof IOException))
                    ? "the daemon stopped during the resync" : String.valueOf(e.getMessage());
            if (!switched && switchSent) {
                // the _aliases request may have applied: deleting the new index now could take the alias with it.
                // It stays recorded; the next start deletes it unless the alias points to it by then.
                log.error("resync of {}: the alias switch failed and may still have applied: {}; the new indices {}"
                        + " are kept, and the next start deletes those the alias does not point to", table, why,
                        newIndices.values());
                try {
                    dualWrites.end(PAUSE_WRITES);
                } catch (InterruptedException stopped) {
                    interrupted = true;
                }
                writeStatus(table, new ResyncRequests.Status("failed", rows[0], estimate, "the alias switch failed"
                        + " and may still have applied (" + why + "); check where the alias points: the next start of"
                        + " the daemon deletes the new index unless the alias points to it", Map.of()));
            } else if (switched) {
                log.error("resync of {}: after the alias switch: {}", table, why);
                writeStatus(table, new ResyncRequests.Status("done", rows[0], estimate, switchedText(newIndices)
                        + "; then: " + why, Map.of()));
            } else {
                log.error("resync of {} into new indices failed after {} rows: {}", table, rows[0], why);
                String cleanup = discard(table, newIndices);
                writeStatus(table, new ResyncRequests.Status("failed", rows[0], estimate, why + "; " + cleanup,
                        Map.of()));
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void copyAll(TableId requested, LinkedHashSet<TableId> tables, List<TableMapping> rebuilt,
                         Map<String, String> newIndices, long[] rows, long estimate, String plan, BooleanSupplier stop)
            throws Exception {
        try (ConsistentReads reads = new ConsistentReads(database, snapshot)) {
            for (TableId each : tables) {
                List<TableMapping> retargeted = rebuilt.stream().filter(m -> m.table().equals(each))
                        .map(m -> new TableMapping(m.path(), m.table(), newIndices.get(m.index()), m.idColumns(),
                                m.fields(), m.invalidate())).toList();
                TableCopy copy = copies.copyOf(each, retargeted);
                boolean finished = copy.copy(reads, List.of(), Progress.NONE, (lastKey, chunkRows) -> {
                    rows[0] += chunkRows;
                    writeStatus(requested, new ResyncRequests.Status("running", rows[0], estimate, plan, newIndices));
                }, () -> stop.getAsBoolean() || dualWrites.rejection().isPresent());
                requireNoRejection();
                if (!finished) {
                    throw new RebuildAbandoned("the daemon stopped during the resync");
                }
            }
        }
    }

    private void requireNoRejection() throws RebuildAbandoned {
        Optional<String> rejection = dualWrites.rejection();
        if (rejection.isPresent()) {
            throw new RebuildAbandoned(rejection.get() + " (the live index took it; fix the index template or"
                    + " mapping, then ask again)");
        }
    }

    /** An alias that points to several indices cannot take writes, so the stream would have failed already. */
    private static ResolvedIndexName writable(ResolvedIndexName resolved) {
        if (resolved.kind() == ResolvedIndexName.Kind.ALIAS && resolved.indices().size() != 1) {
            throw new IllegalArgumentException(resolved + ": an alias binlog-sync writes through must point to one"
                    + " index; remove the others from it, then ask again");
        }
        return resolved;
    }

    private static String plan(Map<String, ResolvedIndexName> before, Map<String, String> newIndices,
                               LinkedHashSet<TableId> tables) {
        List<String> parts = new ArrayList<>();
        newIndices.forEach((alias, index) -> parts.add("building " + index + " for " + before.get(alias)));
        return String.join("; ", parts) + "; copying " + tables + (tables.size() > 1
                ? " (every table whose mapping writes into the same index)" : "");
    }

    private static String switchedText(Map<String, String> newIndices) {
        List<String> parts = new ArrayList<>();
        newIndices.forEach((alias, index) -> parts.add("alias " + alias + " now points to " + index));
        return String.join("; ", parts);
    }

    private String deleteOld(List<String> deleteAfter, boolean keep, Map<String, ResolvedIndexName> before)
            throws InterruptedException {
        List<String> notes = new ArrayList<>();
        before.values().stream().filter(r -> r.kind() == ResolvedIndexName.Kind.INDEX)
                .forEach(r -> notes.add("index " + r.name() + " replaced by the alias"));
        if (!deleteAfter.isEmpty()) {
            Thread.sleep(BEFORE_DELETING_OLD.toMillis());
        }
        for (String old : deleteAfter) {
            try {
                admin.delete(old);
                notes.add("old index " + old + " deleted");
            } catch (IOException e) {
                log.warn("could not delete the old index {} after the alias switch: {}", old, e.getMessage());
                notes.add("old index " + old + " NOT deleted (" + e.getMessage() + "); delete it by hand");
            }
        }
        if (keep) {
            before.values().stream().filter(r -> r.kind() == ResolvedIndexName.Kind.ALIAS)
                    .forEach(r -> notes.add("old index " + String.join(", ", r.indices()) + " kept"));
        }
        return notes.isEmpty() ? "" : "; " + String.join("; ", notes);
    }

    /**
     * Ends the dual write, then deletes each new index its alias does not point to; says what it did. What it could
     * not delete stays recorded for the next start.
     */
    private String discard(TableId table, Map<String, String> newIndices) {
        if (newIndices.isEmpty()) {
            return "nothing was created";
        }
        boolean quiet;
        try {
            quiet = dualWrites.end(PAUSE_WRITES);
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

    /**
     * At the daemon's start: deletes the half-built indices an earlier daemon left (killed during a rebuild), and
     * marks its resync as failed.
     */
    public void cleanUpAfterEarlierRun() throws IOException {
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

    private void writeStatus(TableId table, ResyncRequests.Status status) {
        try {
            requests.writeStatus(table, status);
        } catch (IOException | RuntimeException e) {
            log.warn("cannot write the resync status of {}: {}", table, e.toString());
        }
    }
}
