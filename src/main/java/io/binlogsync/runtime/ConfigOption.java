package io.binlogsync.runtime;

import io.binlogsync.config.ConfigException;
import io.binlogsync.config.ConfigLoader;
import io.binlogsync.config.SyncConfig;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

/** The {@code --config} option shared by the commands, and loading it with problems printed. */
final class ConfigOption {
    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
            description = "HOCON config file (see conf/binlog-sync.conf for every key).")
    Path file;

    /** The config, or empty after printing every problem in it. */
    Optional<SyncConfig> load(PrintWriter err) {
        try {
            return Optional.of(ConfigLoader.load(file));
        } catch (ConfigException e) {
            err.println("binlog-sync: the config " + file + " has " + e.problems().size() + " problem(s):");
            e.problems().forEach(problem -> err.println("  " + problem));
            return Optional.empty();
        }
    }
}
