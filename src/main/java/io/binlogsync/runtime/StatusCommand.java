package io.binlogsync.runtime;

import io.binlogsync.checkpoint.Checkpoint;
import io.binlogsync.checkpoint.StateFile;
import io.binlogsync.config.SyncConfig;
import io.binlogsync.event.BinlogPosition;
import io.binlogsync.event.GtidPosition;
import io.binlogsync.related.RebuildJobs;
import io.binlogsync.runtime.metrics.LiveFigures;
import io.binlogsync.source.jdbc.BinlogFiles;
import io.binlogsync.source.jdbc.SourceDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Shows the saved position (state file), the server's current one, how far behind the saved one",
                "is (bytes and files), whether its binlog file is still on the server, whether a daemon holds the",
                "state file and, when one does and metrics.listen is set, its live figures from its endpoint, and the",
                "rebuild jobs of joined documents waiting in the state file's .rebuilds directory.",
                "Exits 0 when the saved binlog is still on the server (or nothing is saved yet), 1 when it is gone",
                "or the server cannot be asked, 2 for a bad config or command line."})
final class StatusCommand implements Callable<Integer> {
    @Mixin
    CommandPreamble preamble;

    @Override
    public Integer call() throws Exception {
        SyncConfig config = preamble.config();
        StateFile stateFile = new StateFile(config.state().file());
        PrintWriter out = preamble.out();
        Optional<Checkpoint> saved = stateFile.load();
        out.println("state file:      " + stateFile.path());
        out.println("saved position:  " + saved.map(StatusCommand::describe)
                .orElse("none (the next start begins at the " + config.source().start().name().toLowerCase(Locale.ROOT)
                        + " position, as source.start says)"));
        Optional<String> holder = stateFile.lockHolder();
        out.println("daemon:          " + holder.map(h -> "running (lock " + h + ")")
                .orElse("not running (nobody holds " + stateFile.lockFile() + ")"));
        if (holder.isPresent()) {
            out.println("live figures:    " + liveFigures(config));
        }
        out.println("rebuild jobs:    " + rebuildJobs(stateFile));
        SourceDatabase database = new SourceDatabase(config.source());
        GtidPosition current = database.currentGtidPosition();
        BinlogFiles files = BinlogFiles.of(database);
        out.println("server position: " + current.position() + current.gtid().map(g -> " (GTID " + g + ")").orElse("")
                + " on " + database.describe());
        out.println("server binlogs:  " + files.range());
        if (saved.isEmpty()) {
            out.flush();
            return ExitCode.OK;
        }
        BinlogPosition position = saved.get().position();
        boolean present = files.file(position.file()).isPresent();
        out.println("saved binlog:    " + position.file() + (present ? " is still on the server"
                : " is GONE from the server: changes since then are lost to the binlog; resync the indices"
                + " (binlog-sync position reset, then run with source.start = current and resync)"));
        out.println("lag:             " + lag(position, current.position(), files));
        out.flush();
        return present ? ExitCode.OK : ExitCode.FAILURE;
    }

    static String describe(Checkpoint checkpoint) {
        return checkpoint.position() + checkpoint.gtid().map(g -> " (GTID " + g + ")").orElse("")
                + ", saved at " + checkpoint.savedAt();
    }

    /** "1234 bytes in 2 file(s) behind", or why it cannot be told. */
    static String lag(BinlogPosition saved, BinlogPosition current, BinlogFiles files) {
        long fileCount = current.fileSequence() - saved.fileSequence();
        if (saved.compareTo(current) > 0) {
            return "unknown: the saved position is after the server's (another server's binlog?)";
        }
        return files.bytesBetween(saved, current)
                .map(bytes -> bytes + " bytes, " + fileCount + " file(s) behind")
                .orElse(fileCount + " file(s) behind (bytes unknown: a file between is gone)");
    }

    /** "2 waiting in DIR": the joins' side lane jobs left in their files, read without the daemon. */
    static String rebuildJobs(StateFile stateFile) {
        RebuildJobs jobs = new RebuildJobs(stateFile.path());
        try {
            return jobs.count() + " waiting in " + jobs.directory();
        } catch (java.io.IOException e) {
            return "unknown: cannot list " + jobs.directory() + " (" + e.getMessage() + ")";
        }
    }

    /** The running daemon's own figures, read from its metrics endpoint ({@code metrics.listen}), or why not. */
    static String liveFigures(SyncConfig config) {
        return config.metrics().map(metrics -> new LiveFigures(metrics).line())
                .orElse("metrics endpoint not configured (set metrics.listen to see lag and rows read here)");
    }
}
