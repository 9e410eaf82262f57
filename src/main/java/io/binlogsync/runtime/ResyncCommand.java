package io.binlogsync.runtime;

import io.binlogsync.snapshot.ResyncRequest;
import io.binlogsync.snapshot.ResyncRequests;
import io.binlogsync.checkpoint.StateFile;
import io.binlogsync.checkpoint.StateFileException;
import io.binlogsync.config.MappingConfig;
import io.binlogsync.config.SyncConfig;
import io.binlogsync.event.TableId;
import io.binlogsync.progress.Progress;
import io.binlogsync.progress.ProgressText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;

/** Asks the running daemon to resync a table, and follows it to the end. */
@Command(name = "resync", mixinStandardHelpOptions = true,
        description = {"Asks the running daemon (same config) to copy a mapped table into its indices again, chunk by",
                "chunk in key order, while it goes on streaming; shows its progress until done. Changes streamed",
                "meanwhile always win over the copy. Exits 0 when done, 1 when it failed or no daemon runs.",
                "With --new-index the copy goes into a new index (<index>-<UTC yyyyMMdd-HHmmss>) built from every",
                "table whose mapping writes to that index, while the stream writes each change to both; then one",
                "atomic _aliases request makes the configured index name an alias of the new index (an index of",
                "that name is removed in the same request), so searches never see a half-filled index."})
final class ResyncCommand implements Callable<Integer> {
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration PICKUP = Duration.ofSeconds(30);

    @Mixin
    CommandPreamble preamble;

    @Parameters(paramLabel = "DB.TABLE", description = "The mapped table to resync, e.g. shop.products.")
    String table;

    @Option(names = "--no-wait", description = "Return once the request is made, without following it.")
    boolean noWait;

    @Option(names = "--new-index", description = {"Build into a new index and switch the alias when done (see above);",
            "its settings and mappings are copied from the live index unless --mapping-from-template."})
    boolean newIndex;

    @Option(names = "--mapping-from-template", description = {"With --new-index: create the new index with an empty",
            "body, so the index template that matches its name gives settings and mappings (fails when none does)."})
    boolean fromTemplate;

    @Option(names = "--keep-old-index", description = {"With --new-index: keep the index the alias pointed to",
            "(default: delete it after the switch). An index named like the alias is always replaced."})
    boolean keepOldIndex;

    @Override
    public Integer call() throws Exception {
        SyncConfig config = preamble.config();
        TableId wanted = preamble.table(table);
        if (config.mappings().stream().noneMatch(m -> m.table().equals(wanted)
                || m.shards().map(shards -> shards.tables().matches(wanted)).orElse(false))) {
            throw preamble.refuse("no mapping in " + preamble.file + " reads " + wanted);
        }
        if ((fromTemplate || keepOldIndex) && !newIndex) {
            throw preamble.refuse("--mapping-from-template and --keep-old-index go with --new-index");
        }
        PrintWriter out = preamble.out();
        PrintWriter err = preamble.err();
        StateFile stateFile = new StateFile(config.state().file());
        if (!daemonRuns(stateFile)) {
            err.println("binlog-sync resync: no daemon runs on " + stateFile.path() + "; the resync runs inside it:"
                    + " start it (binlog-sync run --config " + preamble.file + "), then ask again");
            return ExitCode.FAILURE;
        }
        ResyncRequests requests = new ResyncRequests(stateFile.path());
        requests.request(newIndex ? ResyncRequest.newIndex(wanted, fromTemplate, keepOldIndex)
                : ResyncRequest.inPlace(wanted));
        out.println("resync of " + wanted + (newIndex ? " into a new index" : "") + " requested from the daemon on "
                + stateFile.path());
        out.flush();
        return noWait ? ExitCode.OK : follow(requests, wanted, stateFile, out, err);
    }

    private int follow(ResyncRequests requests, TableId table, StateFile stateFile, PrintWriter out, PrintWriter err)
            throws Exception {
        Instant requested = Instant.now();
        Instant lastLine = Instant.EPOCH;
        Instant lastAlive = Instant.now();
        boolean terminal = Progress.onTerminal();
        String planShown = "";
        while (true) {
            Optional<ResyncRequests.Status> status = requests.status(table);
            if (status.isPresent() && !status.get().newIndices().isEmpty() && !status.get().finished()
                    && !status.get().message().equals(planShown)) {
                planShown = status.get().message();
                out.println(planShown);
            }
            if (status.isPresent() && status.get().finished()) {
                if (terminal) {
                    out.println();
                }
                ResyncRequests.Status end = status.get();
                if (end.state().equals("done")) {
                    out.printf("resync of %s done: %,d rows copied%s%n", table, end.rows(),
                            end.message().isEmpty() ? "" : "; " + end.message());
                    return ExitCode.OK;
                }
                err.println("binlog-sync resync: " + table + " failed after " + end.rows() + " rows: " + end.message());
                return ExitCode.FAILURE;
            }
            Instant now = Instant.now();
            if (status.isEmpty() && Duration.between(requested, now).compareTo(PICKUP) > 0) {
                err.println("binlog-sync resync: the daemon has not taken up the request in " + PICKUP.toSeconds()
                        + " s (is it still starting, or copying its initial snapshot?). The request stays in "
                        + requests.directory() + " and runs when it can");
                return ExitCode.FAILURE;
            }
            if (status.isPresent() && (terminal || Duration.between(lastLine, now).toSeconds() >= 10)) {
                String line = ProgressText.line(table.toString(), status.get().rows(), status.get().estimatedRows(),
                        Duration.between(requested, now));
                out.print(terminal ? "\r" + line + "\u001b[K" : line + System.lineSeparator());
                out.flush();
                lastLine = now;
            }
            if (Duration.between(lastAlive, now).toSeconds() >= 5) {
                if (!daemonRuns(stateFile)) {
                    err.println("binlog-sync resync: the daemon stopped before the resync of " + table + " ended;"
                            + " ask again once it runs");
                    return ExitCode.FAILURE;
                }
                lastAlive = now;
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** A running daemon holds the state file's lock. */
    private static boolean daemonRuns(StateFile stateFile) {
        try (AutoCloseable lock = stateFile.lock()) {
            return false;
        } catch (StateFileException e) {
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
