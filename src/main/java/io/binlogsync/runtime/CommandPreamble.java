package io.binlogsync.runtime;

import io.binlogsync.config.ConfigException;
import io.binlogsync.config.ConfigLoader;
import io.binlogsync.config.ConfigProblem;
import io.binlogsync.config.SyncConfig;
import io.binlogsync.event.TableId;
import io.binlogsync.progress.Progress;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * What every command does before its own work, as a picocli mixin: the {@code --config} option and loading it,
 * reading a {@code db.table} argument, printing what is wrong with either (and ending the command with
 * {@link CommandRefused}, exit code 2), and showing progress as a terminal bar or as log lines.
 */
final class CommandPreamble {
    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
            description = "HOCON config file (see conf/binlog-sync.conf for every key).")
    Path file;

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    PrintWriter out() {
        return command.commandLine().getOut();
    }

    PrintWriter err() {
        return command.commandLine().getErr();
    }

    /** The config; {@link CommandRefused} after printing every problem in it. */
    SyncConfig config() {
        try {
            return ConfigLoader.load(file);
        } catch (ConfigException e) {
            printProblems("binlog-sync: the config " + file + " has " + e.problems().size() + " problem(s):",
                    e.problems());
            throw new CommandRefused();
        }
    }

    /** The table a {@code db.table} argument names; {@link CommandRefused} after saying why it names none. */
    TableId table(String text) {
        try {
            return TableId.parse(text);
        } catch (IllegalArgumentException e) {
            throw refuse(e.getMessage());
        }
    }

    /** Says, as this command ("binlog-sync verify: ..."), why it does not run; throw what it returns. */
    CommandRefused refuse(String why) {
        err().println("binlog-sync " + command.name() + ": " + why);
        return new CommandRefused();
    }

    /**
     * Says under {@code speaker} ("binlog-sync", "binlog-sync verify") that the config's mappings do not fit the
     * source's tables, one problem a line; throw what it returns.
     */
    CommandRefused mappingsDoNotFit(String speaker, ConfigException e) {
        printProblems(speaker + ": the mappings in " + file + " do not fit the source:", e.problems());
        return new CommandRefused();
    }

    /** A bar on standard error when on a terminal, log lines naming what is {@code doing} otherwise. */
    Progress progress(String doing, Clock clock) {
        return Progress.shown(err(), doing, clock);
    }

    private void printProblems(String heading, List<ConfigProblem> problems) {
        err().println(heading);
        problems.forEach(problem -> err().println("  " + problem));
    }
}
