package io.binlogsync.runtime;

import io.binlogsync.config.ConfigException;
import io.binlogsync.config.SyncConfig;
import io.binlogsync.event.TableId;
import io.binlogsync.progress.Progress;
import io.binlogsync.verify.VerifyOptions;
import io.binlogsync.verify.VerifyReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Compares each mapped table with its index, chunk by chunk in key order: documents missing,",
                "extra or different (by field). Exits 0 when every index equals its table, 1 on drift (or, with",
                "--repair, on drift it could not repair), 2 for a bad config or command line."})
final class VerifyCommand implements Callable<Integer> {
    @Mixin
    CommandPreamble preamble;

    @Option(names = "--table", paramLabel = "DB.TABLE", description = "Verify only this table's mappings.")
    String table;

    @Option(names = "--chunk-size", paramLabel = "N", defaultValue = "1000",
            description = "Rows read (and documents fetched) at a time (default: ${DEFAULT-VALUE}).")
    int chunkSize;

    @Option(names = "--show", paramLabel = "N", defaultValue = "20",
            description = "How many drifted ids the summary names per mapping (default: ${DEFAULT-VALUE}).")
    int show;

    @Option(names = "--lag-wait", paramLabel = "SECONDS", defaultValue = "10",
            description = "How long a difference may take to disappear (a running daemon catching up) before it"
                    + " counts as drift (default: ${DEFAULT-VALUE}).")
    long lagWaitSeconds;

    @Option(names = "--repair", description = "Rewrite missing and different documents from the rows as they are"
            + " now, delete extra ones, and check them again.")
    boolean repair;

    @Override
    public Integer call() throws Exception {
        SyncConfig config = preamble.config();
        Optional<TableId> only = Optional.ofNullable(table).map(preamble::table);
        VerifyOptions options;
        try {
            options = new VerifyOptions(only, chunkSize, show, repair, Duration.ofSeconds(lagWaitSeconds));
        } catch (IllegalArgumentException e) {
            throw preamble.refuse(e.getMessage());
        }
        Clock clock = Clock.systemUTC();
        Progress progress = preamble.progress("verifying", clock);
        VerifyReport report;
        try (Components components = new Components(config, clock)) {
            report = components.verifier(options).run(progress);
        } catch (ConfigException e) {
            throw preamble.mappingsDoNotFit("binlog-sync verify", e);
        }
        PrintWriter out = preamble.out();
        out.print(report.summary());
        out.flush();
        return report.hasDrift() ? ExitCode.FAILURE : ExitCode.OK;
    }
}
