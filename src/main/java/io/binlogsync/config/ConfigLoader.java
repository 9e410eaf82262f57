package io.binlogsync.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads a HOCON configuration file into a validated {@link SyncConfig}. Substitutions such as
 * {@code ${?BINLOG_SYNC_SOURCE_PASSWORD}} are resolved from the environment (never from Java system properties).
 * Every problem in the file is reported at once, in one {@link ConfigException}.
 */
public final class ConfigLoader {

    private static final String REFERENCE = "conf/binlog-sync.conf in the distribution documents every setting";

    private ConfigLoader() {
    }

    /** Loads {@code file}, resolving substitutions from the process environment. */
    public static SyncConfig load(Path file) {
        return load(file, System.getenv());
    }

    /** Loads {@code file}, resolving substitutions from {@code environment}. */
    public static SyncConfig load(Path file, Map<String, String> environment) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(environment, "environment");
        if (!Files.isRegularFile(file)) {
            throw single("", "", "configuration file " + file.toAbsolutePath() + " does not exist or is not a file;"
                    + " pass the path of your configuration file (" + REFERENCE + ")");
        }
        Config written;
        try {
            written = ConfigFactory.parseFile(file.toFile(), options().setAllowMissing(false));
        } catch (com.typesafe.config.ConfigException.Parse e) {
            throw syntaxError(e);
        } catch (com.typesafe.config.ConfigException.IO e) {
            throw single("", "", "cannot read configuration file " + file.toAbsolutePath() + " (" + withoutOrigin(e)
                    + "); check that binlog-sync may read it");
        }
        ReadableByOthers.warnAbout(file, "configuration file");
        return read(written, environment);
    }

    /**
     * Parses configuration text with no environment variables (so tests do not depend on the machine);
     * {@code originDescription} names the text in problems, like a file name.
     */
    public static SyncConfig parse(String hocon, String originDescription) {
        return parse(hocon, originDescription, Map.of());
    }

    /** Parses configuration text, resolving substitutions from {@code environment}. */
    public static SyncConfig parse(String hocon, String originDescription, Map<String, String> environment) {
        Objects.requireNonNull(hocon, "hocon");
        Objects.requireNonNull(environment, "environment");
        Config written;
        try {
            written = ConfigFactory.parseString(hocon, options().setOriginDescription(originDescription));
        } catch (com.typesafe.config.ConfigException.Parse e) {
            throw syntaxError(e);
        }
        return read(written, environment);
    }

    private static SyncConfig read(Config written, Map<String, String> environment) {
        Config values;
        try {
            values = Substitutions.resolve(written.withFallback(ConfigDefaults.sync()), environment);
        } catch (com.typesafe.config.ConfigException e) {
            throw single("", OriginText.of(e.origin()), "cannot resolve substitutions (" + withoutOrigin(e)
                    + "); check the ${...} references there");
        }
        Problems problems = new Problems();
        return SyncConfigReader.read(Section.root(values.root(), written.root(), problems), problems);
    }

    private static ConfigParseOptions options() {
        return ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF);
    }

    private static ConfigException syntaxError(com.typesafe.config.ConfigException.Parse e) {
        String message = withoutOrigin(e);
        String fix = message.startsWith("include keyword")
                // HOCON reads an unquoted `include` as its include directive, even where fields.include is meant.
                ? "to set fields.include, quote the key (\"include\" = [\"id\", \"name\"]) or write"
                        + " fields.include = [...]"
                : "fix the syntax on that line";
        return single("", OriginText.of(e.origin()), "the file is not valid HOCON: " + message + "; " + fix);
    }

    /** typesafe starts its messages with the origin, which the problem already shows. */
    private static String withoutOrigin(com.typesafe.config.ConfigException e) {
        String message = e.getMessage();
        String prefix = e.origin() == null ? null : e.origin().description() + ": ";
        return prefix != null && message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    private static ConfigException single(String path, String origin, String message) {
        return new ConfigException(List.of(new ConfigProblem(path, origin, message)));
    }
}
