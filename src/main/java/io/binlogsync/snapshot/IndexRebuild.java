package io.binlogsync.snapshot;

import io.binlogsync.config.SnapshotConfig;
import io.binlogsync.event.TableId;
import io.binlogsync.mapping.TableMapping;
import io.binlogsync.progress.CopyFigures;
import io.binlogsync.progress.Progress;
import io.binlogsync.index.AliasSwitch;
import io.binlogsync.sink.es.DualWrites;
import io.binlogsync.config.IndexDefinition;
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
import java.util.function.Supplier;

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
    static final Duration PAUSE_WRITES = Duration.ofSeconds(60);
    /** Searches that began on the old index before the switch may end before it is deleted. */
    private static final Duration BEFORE_DELETING_OLD = Duration.ofSeconds(2);

    private final Progress progress;
    private final IndexAdmin admin;
    private final DualWrites dualWrites;
    /** The mappings as they are when a rebuild is planned: table patterns matched against the source then. */
    private final Supplier<List<TableMapping>> mappings;
    private final Map<String, IndexDefinition> definitions;
    private final TableCopies copies;
    private final SnapshotConfig snapshot;
    private final SourceDatabase database;
    private final ResyncRequests requests;
    private final Clock clock;
    private final HalfBuiltIndices halfBuilt;

    /**
     * @param mappings    the mappings now, asked at each plan, so a rebuild copies the shards a table pattern
     *                    matches then (also those created after the start)
     * @param definitions the settings and mappings configured for an index (alias) name; a new index gets them
     */
    public IndexRebuild(IndexAdmin admin, DualWrites dualWrites, Supplier<List<TableMapping>> mappings,
                        Map<String, IndexDefinition> definitions, TableCopies copies, SourceDatabase database,
                        SnapshotConfig snapshot, ResyncRequests requests, Clock clock, CopyFigures figures) {
        this.progress = figures.of("rebuild");
        this.admin = admin;
        this.definitions = Map.copyOf(definitions);
        this.dualWrites = dualWrites;
        this.mappings = mappings;
        this.copies = copies;
        this.database = database;
        this.snapshot = snapshot;
        this.requests = requests;
        this.clock = clock;
        this.halfBuilt = new HalfBuiltIndices(admin, dualWrites, requests);
    }

    /** Why a rebuild ended before its switch. */
    private static final class RebuildAbandoned extends Exception {
        RebuildAbandoned(String message) {
            super(message);
        }
    }

    /** How far one rebuild got, as its end (success or failure) reports it. Used on the rebuild's thread only. */
    private static final class Attempt {
        final TableId table;
        /** Alias to new index, each added as soon as its name is chosen: what a failure must clean up. */
        final Map<String, String> newIndices = new LinkedHashMap<>();
        long estimatedRows;
        long rows;
        /** Set once the _aliases request is on its way: from then on a failure may still have switched. */
        AliasSwitch sent;
        boolean switched;

        Attempt(TableId table) {
            this.table = table;
        }
    }

    /** Rebuilds and switches, or gives up cleanly; the outcome is in the table's status. */
    public void run(ResyncRequest request, BooleanSupplier stop) {
        Attempt attempt = new Attempt(request.table());
        try {
            RebuildPlan plan = plan(request, attempt.newIndices);
            begin(request, plan, attempt);
            long started = System.nanoTime();
            copy(plan, attempt, stop);
            switchAliases(request, plan, attempt);
            finish(request, plan, attempt, started);
        } catch (Exception e) {
            fail(attempt, e, stop);
        }
    }

    /**
     * Chooses the new indices' names, adding each to {@code newIndices} as soon as it is chosen (a failure part way
     * cleans up what is there). Creates nothing.
     */
    private RebuildPlan plan(ResyncRequest request, Map<String, String> newIndices) throws IOException {
        TableId table = request.table();
        List<TableMapping> mappings = this.mappings.get();
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
        return new RebuildPlan(table, before, newIndices, rebuilt, List.copyOf(tables));
    }

    /** Records the plan (for a next start to clean up after a kill), creates the new indices, starts the dual write. */
    private void begin(ResyncRequest request, RebuildPlan plan, Attempt attempt) throws Exception {
        for (TableId each : plan.tables()) {
            attempt.estimatedRows += database.estimatedRows(each);
        }
        TableId table = plan.table();
        String described = plan.describe();
        requests.recordRebuild(table, plan.newIndices());
        requests.writeStatus(table, new ResyncRequests.Status("running", 0, attempt.estimatedRows, described,
                plan.newIndices()));
        log.info("resync of {} into new indices begins (~{} rows): {}", table, attempt.estimatedRows, described);
        for (Map.Entry<String, String> entry : plan.newIndices().entrySet()) {
            IndexDefinition configured = definitions.get(entry.getKey());
            if (configured != null && !request.indexFromTemplate()) {
                admin.create(entry.getValue(), configured);
            } else {
                admin.create(entry.getValue(), request.indexFromTemplate() ? Optional.empty()
                        : plan.before().get(entry.getKey()).liveIndex());
            }
        }
        dualWrites.start(plan.newIndices());
    }

    /** Copies every table of the plan into the new indices, then refreshes them. */
    private void copy(RebuildPlan plan, Attempt attempt, BooleanSupplier stop) throws Exception {
        String described = plan.describe();
        try (ConsistentReads reads = new ConsistentReads(database, snapshot)) {
            for (TableId each : plan.tables()) {
                TableCopy copy = copies.copyOf(each, plan.mappingsInto(each));
                progress.begin(each.toString(), database.estimatedRows(each));
                boolean finished = copy.copy(reads, List.of(), progress, (lastKey, chunkRows) -> {
                    attempt.rows += chunkRows;
                    writeStatus(plan.table(), new ResyncRequests.Status("running", attempt.rows,
                            attempt.estimatedRows, described, plan.newIndices()));
                }, () -> stop.getAsBoolean() || dualWrites.rejection().isPresent());
                progress.end();
                requireNoRejection();
                if (!finished) {
                    throw new RebuildAbandoned("the daemon stopped during the resync");
                }
            }
        }
        for (String index : plan.newIndices().values()) {
            admin.refresh(index);
        }
    }

    /** Points every alias at its new index in one request, sent while no write is in flight; ends the dual write. */
    private void switchAliases(ResyncRequest request, RebuildPlan plan, Attempt attempt) throws Exception {
        boolean paused = dualWrites.endAfter(PAUSE_WRITES, () -> {
            requireNoRejection();
            List<AliasSwitch> switches = new ArrayList<>();
            for (String alias : plan.aliases()) {
                switches.add(AliasSwitch.to(writable(admin.resolve(alias)), plan.newIndices().get(alias),
                        request.keepOldIndex()));
            }
            attempt.sent = AliasSwitch.combined(switches);
            // from here on a failure may still have switched (a timeout, an unacknowledged answer): see fail
            admin.switchAliases(attempt.sent);
        });
        if (!paused) {
            throw new RebuildAbandoned("writes to Elasticsearch did not pause within " + PAUSE_WRITES.toSeconds()
                    + " s for the alias switch (is Elasticsearch retrying?)");
        }
        attempt.switched = true;
    }

    /** After the switch: forgets the record, deletes the old indices unless kept, says so in the status. */
    private void finish(ResyncRequest request, RebuildPlan plan, Attempt attempt, long started) throws Exception {
        TableId table = plan.table();
        requests.forgetRebuild(table);
        long millis = Math.max(1, (System.nanoTime() - started) / 1_000_000);
        log.info("resync of {} into new indices done: {} rows in {} s; aliases switched: {}", table, attempt.rows,
                millis / 1000, attempt.sent.actions());
        String outcome = switchedText(plan.newIndices()) + deleteOld(attempt.sent.deleteAfter(),
                request.keepOldIndex(), plan.before());
        requests.writeStatus(table, new ResyncRequests.Status("done", attempt.rows, attempt.estimatedRows, outcome,
                Map.of()));
    }

    /** Reports a rebuild that failed or stopped; before the switch was sent, also deletes the new indices. */
    private void fail(Attempt attempt, Exception e, BooleanSupplier stop) {
        TableId table = attempt.table;
        boolean interrupted = Thread.interrupted();
        String why = e instanceof InterruptedException || (stop.getAsBoolean() && !(e instanceof IOException))
                ? "the daemon stopped during the resync" : String.valueOf(e.getMessage());
        if (attempt.switched) {
            log.error("resync of {}: after the alias switch: {}", table, why);
            writeStatus(table, new ResyncRequests.Status("done", attempt.rows, attempt.estimatedRows,
                    switchedText(attempt.newIndices) + "; then: " + why, Map.of()));
        } else if (attempt.sent != null) {
            // the _aliases request may have applied: deleting the new index now could take the alias with it.
            // It stays recorded; the next start deletes it unless the alias points to it by then.
            log.error("resync of {}: the alias switch failed and may still have applied: {}; the new indices {}"
                    + " are kept, and the next start deletes those the alias does not point to", table, why,
                    attempt.newIndices.values());
            try {
                dualWrites.end(PAUSE_WRITES);
            } catch (InterruptedException stopped) {
                interrupted = true;
            }
            writeStatus(table, new ResyncRequests.Status("failed", attempt.rows, attempt.estimatedRows, "the alias"
                    + " switch failed and may still have applied (" + why + "); check where the alias points: the"
                    + " next start of the daemon deletes the new index unless the alias points to it", Map.of()));
        } else {
            log.error("resync of {} into new indices failed after {} rows: {}", table, attempt.rows, why);
            String cleanup = halfBuilt.discard(table, attempt.newIndices);
            writeStatus(table, new ResyncRequests.Status("failed", attempt.rows, attempt.estimatedRows, why + "; "
                    + cleanup, Map.of()));
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
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
     * At the daemon's start: deletes the half-built indices an earlier daemon left (killed during a rebuild), and
     * marks its resync as failed.
     */
    public void cleanUpAfterEarlierRun() throws IOException {
        halfBuilt.cleanUpAfterEarlierRun();
    }

    private void writeStatus(TableId table, ResyncRequests.Status status) {
        try {
            requests.writeStatus(table, status);
        } catch (IOException | RuntimeException e) {
            log.warn("cannot write the resync status of {}: {}", table, e.toString());
        }
    }
}
