package io.binlogsync.runtime;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** Entry point; the only place that decides the exit code. */
@Command(name = "binlog-sync", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Follows a MySQL or MariaDB binary log and keeps Elasticsearch indices and Redis caches in step.",
        subcommands = {RunCommand.class, CheckCommand.class, VerifyCommand.class, ResyncCommand.class,
                StatusCommand.class, PositionCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--log-level", scope = ScopeType.INHERIT, paramLabel = "LEVEL",
            description = "Level of binlog-sync's own loggers: trace, debug, info (default), warn, error.")
    void logLevel(String level) {
        try {
            LogSettings.level(level);
        } catch (IllegalArgumentException e) {
            throw LogSettings.refused(spec.commandLine(), e);
        }
    }

    @Option(names = "--log-format", scope = ScopeType.INHERIT, paramLabel = "FORMAT",
            defaultValue = "${env:BINLOG_SYNC_LOG_FORMAT:-text}",
            description = "text (default) or json: one JSON object a line on standard error (logback's JsonEncoder);"
                    + " default from BINLOG_SYNC_LOG_FORMAT.")
    void logFormat(String format) {
        try {
            LogSettings.format(format);
        } catch (IllegalArgumentException e) {
            throw LogSettings.refused(spec.commandLine(), e);
        }
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    static int execute(String... args) {
        return new CommandLine(new Main()).setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof CommandRefused) {
                return ExitCode.CONFIG;
            }
            commandLine.getErr().println("binlog-sync: " + e.getMessage());
            if (LogSettings.unexpected(e)) {
                e.printStackTrace(commandLine.getErr());
            }
            return ExitCode.FAILURE;
        }).execute(args);
    }
}
