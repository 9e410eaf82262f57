package io.binlogsync.runtime;

import io.binlogsync.config.ConfigException;
import io.binlogsync.config.SyncConfig;
import io.binlogsync.event.TableId;
import io.binlogsync.progress.LogProgress;
import io.binlogsync.progress.Progress;
import io.binlogsync.progress.TerminalProgress;
import io.binlogsync.verify.Verifier;
import io.binlogsync.verify.VerifyOptions;
import io.binlogsync.verify.VerifyReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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
    ConfigOption config;

    @Spec
    CommandSpec spec;

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
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<SyncConfig> loaded = config.load(err);
        if (loaded.isEmpty()) {
            return ExitCode.CONFIG;
        }
        VerifyOptions options;
        try {
            options = new VerifyOptions(Optional.ofNullable(table).map(TableId::parse), chunkSize, show, repair,
                    Duration.ofSeconds(lagWaitSeconds));
        } catch (IllegalArgumentException e) {
            err.println("binlog-sync verify: " + e.getMessage());
            return ExitCode.CONFIG;
        }
        Clock clock = Clock.systemUTC();
        Progress progress = System.console() != null ? new TerminalProgress(err, clock)
                : new LogProgress("verifying", clock, Duration.ofSeconds(10));
        VerifyReport report;
        try (Verifier verifier = Verifier.open(loaded.get(), options, clock)) {
            report = verifier.run(progress);
        } catch (ConfigException e) {
            err.println("binlog-sync verify: the mappings in " + config.file + " do not fit the source:");
            e.problems().forEach(problem -> err.println("  " + problem));
            return ExitCode.CONFIG;
        }
        out.print(report.summary());
        out.flush();
        return report.hasDrift() ? ExitCode.FAILURE : ExitCode.OK;
    }
}
