package io.binlogsync.runtime;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point; the only place that decides the exit code. */
@Command(name = "binlog-sync", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Follows a MySQL or MariaDB binary log and keeps Elasticsearch indices and Redis caches in step.",
        subcommands = {RunCommand.class, CheckCommand.class, VerifyCommand.class, ResyncCommand.class,
                StatusCommand.class, PositionCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    static int execute(String... args) {
        return new CommandLine(new Main()).setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof CommandRefused) {
                return ExitCode.CONFIG;
            }
            commandLine.getErr().println("binlog-sync: " + e.getMessage());
            return ExitCode.FAILURE;
        }).execute(args);
    }
}
