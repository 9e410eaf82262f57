package io.binlogsync.runtime;

import io.binlogsync.checkpoint.Checkpoint;
import io.binlogsync.checkpoint.StateFile;
import io.binlogsync.checkpoint.StateFileException;
import io.binlogsync.checkpoint.StreamOrigin;
import io.binlogsync.config.SyncConfig;
import io.binlogsync.event.BinlogPosition;
import io.binlogsync.source.jdbc.BinlogFiles;
import io.binlogsync.source.jdbc.SourceDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "position", mixinStandardHelpOptions = true,
        description = {"Shows or moves the saved position by hand, for recovery. The moving subcommands refuse while a",
                "daemon holds the state file's lock, and keep the state they replace as state.json.bak-<time>."},
        subcommands = {PositionCommand.Show.class, PositionCommand.Set.class, PositionCommand.SetGtid.class,
                PositionCommand.Reset.class})
final class PositionCommand {

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = {"Prints the saved position. Exits 0 (also when nothing is saved), 1 when the state file",
                    "cannot be read, 2 for a bad config."})
    static final class Show implements Callable<Integer> {
        @Mixin
        CommandPreamble preamble;

        @Override
        public Integer call() {
            StateFile stateFile = new StateFile(preamble.config().state().file());
            preamble.out().println(stateFile.path() + ": " + stateFile.load().map(StatusCommand::describe)
                    .orElse("no saved position (the next start follows source.start)"));
            preamble.out().flush();
            return ExitCode.OK;
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = {"Saves FILE:OFFSET as the position the daemon resumes from, after checking that the server",
                    "has that binlog file and that an event begins at OFFSET. Exits 0 when saved, 1 when refused (a",
                    "daemon runs, the position is not on the server), 2 for a bad config or position text."})
    static final class Set implements Callable<Integer> {
        @Mixin
        CommandPreamble preamble;

        @Parameters(paramLabel = "FILE:OFFSET", description = "e.g. mysql-bin.000042:1234 (see SHOW BINARY LOGS,"
                + " SHOW BINLOG EVENTS, mysqlbinlog).")
        String text;

        @Override
        public Integer call() throws Exception {
            BinlogPosition position;
            try {
                position = PositionArguments.position(text);
            } catch (IllegalArgumentException e) {
                refused(preamble, e.getMessage());
                throw new CommandRefused();
            }
            SyncConfig config = preamble.config();
            SourceDatabase database = new SourceDatabase(config.source());
            BinlogFiles files = BinlogFiles.of(database);
            Optional<BinlogFiles.BinlogFile> file = files.file(position.file());
            if (file.isEmpty()) {
                return refused(preamble, "the server " + database.describe() + " has no binlog file "
                        + position.file() + " (it has " + files.range() + "); pick a position in one of those");
            }
            if (position.offset() < 4 || position.offset() > file.get().size()) {
                return refused(preamble, "offset " + position.offset() + " is outside " + position.file() + ", which"
                        + " is " + file.get().size() + " bytes long on " + database.describe());
            }
            if (!BinlogFiles.isEventBoundary(database, position, file.get().size())) {
                return refused(preamble, "no event begins at " + position + " on " + database.describe()
                        + "; find one with: mysqlbinlog --read-from-remote-server --start-position="
                        + position.offset() + " " + position.file() + " (or SHOW BINLOG EVENTS IN '"
                        + position.file() + "')");
            }
            Optional<String> gtid = database.gtidAt(position);
            return replace(preamble, config, database, position, gtid);
        }
    }

    @Command(name = "set-gtid", mixinStandardHelpOptions = true,
            description = {"Saves a GTID state as the place the daemon resumes from: a MariaDB domain-server-sequence",
                    "list (0-1-42,1-2-7) or a MySQL GTID set (uuid:1-77). The server must serve by GTID (MariaDB;",
                    "MySQL with gtid_mode=ON) and be of the same kind. Exits 0 when saved, 1 when refused, 2 for a",
                    "bad config or GTID text."})
    static final class SetGtid implements Callable<Integer> {
        @Mixin
        CommandPreamble preamble;

        @Parameters(paramLabel = "GTID", description = "The GTID state of the last transaction already in the"
                + " indices.")
        String text;

        @Override
        public Integer call() throws Exception {
            PositionArguments.GtidKind kind;
            try {
                kind = PositionArguments.gtidKind(text);
            } catch (IllegalArgumentException e) {
                refused(preamble, e.getMessage());
                throw new CommandRefused();
            }
            SyncConfig config = preamble.config();
            SourceDatabase database = new SourceDatabase(config.source());
            boolean mariadb = database.isMariaDb();
            if (mariadb != (kind == PositionArguments.GtidKind.MARIADB)) {
                return refused(preamble, "'" + text + "' is a " + (mariadb ? "MySQL GTID set" : "MariaDB GTID position")
                        + ", but " + database.describe() + " is " + (mariadb ? "MariaDB" : "MySQL")
                        + "; write the server's own kind (SELECT " + (mariadb ? "@@gtid_binlog_pos" : "@@gtid_executed")
                        + ")");
            }
            if (!database.servesByGtid()) {
                return refused(preamble, database.describe() + " has gtid_mode OFF, so it cannot resume by GTID;"
                        + " use position set FILE:OFFSET");
            }
            BinlogFiles files = BinlogFiles.of(database);
            if (files.files().isEmpty()) {
                return refused(preamble, database.describe() + " lists no binlog file; start it with log_bin");
            }
            // the reader asks for the dump by GTID; the file position is kept only as the state's other half and is
            // replaced at the first save. The oldest file keeps the daemon's "is the file still there" check true.
            BinlogPosition placeholder = new BinlogPosition(files.files().get(0).name(), 4);
            return replace(preamble, config, database, placeholder, Optional.of(text.replaceAll("\\s+", "")));
        }
    }

    @Command(name = "reset", mixinStandardHelpOptions = true,
            description = {"Removes the saved position (keeping it as state.json.bak-<time>), so that the next start",
                    "follows source.start. Exits 0 when removed (or nothing was saved), 1 when refused."})
    static final class Reset implements Callable<Integer> {
        @Mixin
        CommandPreamble preamble;

        @Override
        public Integer call() throws Exception {
            StateFile stateFile = new StateFile(preamble.config().state().file());
            PrintWriter out = preamble.out();
            try (AutoCloseable lock = lockOrRefuse(preamble, stateFile)) {
                if (lock == null) {
                    return ExitCode.FAILURE;
                }
                Optional<Checkpoint> before = stateFile.load();
                if (before.isEmpty()) {
                    out.println(stateFile.path() + " holds no position; nothing to reset");
                    out.flush();
                    return ExitCode.OK;
                }
                Path backup = stateFile.backup(Clock.systemUTC().instant()).orElseThrow();
                stateFile.remove();
                out.println("removed the saved position " + before.get().position() + " from " + stateFile.path()
                        + " (kept in " + backup + "); the next start follows source.start");
                out.flush();
                return ExitCode.OK;
            }
        }
    }

    /** Writes the new position under the lock, keeping the old state as a backup. */
    private static int replace(CommandPreamble preamble, SyncConfig config, SourceDatabase database,
                               BinlogPosition position, Optional<String> gtid) throws Exception {
        StateFile stateFile = new StateFile(config.state().file());
        PrintWriter out = preamble.out();
        try (AutoCloseable lock = lockOrRefuse(preamble, stateFile)) {
            if (lock == null) {
                return ExitCode.FAILURE;
            }
            Optional<Checkpoint> before = stateFile.load();
            Clock clock = Clock.systemUTC();
            Optional<Path> backup = stateFile.backup(clock.instant());
            Checkpoint checkpoint = new Checkpoint(position, gtid,
                    Optional.of(new StreamOrigin(database.serverId(), config.elasticsearch().versions())),
                    clock.instant());
            stateFile.save(checkpoint);
            out.println("saved " + position + gtid.map(g -> " (GTID " + g + ")").orElse("") + " to " + stateFile.path()
                    + before.map(b -> ", replacing " + b.position()).orElse("")
                    + backup.map(b -> " (kept in " + b + ")").orElse("") + "; the next start resumes from it");
            out.flush();
            return ExitCode.OK;
        }
    }

    /** The state file's lock, or null after saying who holds it. */
    private static AutoCloseable lockOrRefuse(CommandPreamble preamble, StateFile stateFile) {
        try {
            return stateFile.lock();
        } catch (StateFileException e) {
            refused(preamble, "refused: a daemon is running on " + stateFile.path() + " ("
                    + stateFile.lockHolder().orElse("lock " + stateFile.lockFile()) + "); stop it first (systemctl"
                    + " stop binlog-sync), then run this again");
            return null;
        }
    }

    private static int refused(CommandPreamble preamble, String why) {
        preamble.err().println("binlog-sync position: " + why);
        preamble.err().flush();
        return ExitCode.FAILURE;
    }
}
