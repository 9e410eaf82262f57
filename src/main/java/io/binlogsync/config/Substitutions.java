package io.binlogsync.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException.NotResolved;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code ${...}} against the configuration itself and then the given environment, never Java system
 * properties. Unresolvable substitutions are left in place for {@link Section} to report with their path, so that one
 * missing variable does not hide the other problems.
 */
final class Substitutions {

    static final String ENVIRONMENT_ORIGIN = "environment variables";

    private static final Pattern SUBSTITUTION = Pattern.compile("\\$\\{\\??\\s*([^}]*?)\\s*}");

    private Substitutions() {
    }

    static Config resolve(Config config, Map<String, String> environment) {
        Map<String, String> variables = new LinkedHashMap<>(environment);
        // A variable named like a top-level key would be merged into that section; HOCON never reads those anyway.
        variables.keySet().removeAll(config.root().keySet());
        // fromMap, unlike parseMap, takes each name as one key: an env var "A.B" is not a path.
        Config fallback = ConfigValueFactory.fromMap(variables, ENVIRONMENT_ORIGIN).toConfig();
        ConfigResolveOptions options = ConfigResolveOptions.defaults()
                .setUseSystemEnvironment(false)
                .setAllowUnresolved(true);
        ConfigObject resolved = config.withFallback(fallback).resolve(options).root();
        for (String name : variables.keySet()) {
            resolved = resolved.withoutKey(name);
        }
        return resolved.toConfig();
    }

    /** False for a value typesafe could not resolve: a {@code ${...}} naming neither a setting nor a variable. */
    static boolean isResolved(ConfigValue value) {
        try {
            value.valueType();
            return true;
        } catch (NotResolved e) {
            return false;
        }
    }

    /** What to say about an unresolved value; names only the variables, never the text around them. */
    static String unresolvedMessage(ConfigValue value) {
        String names = String.join(", ", variablesIn(value.render()));
        return "cannot resolve ${" + names + "}: there is no setting and no environment variable " + names
                + "; export " + names + " before starting binlog-sync, or write ${?" + names
                + "} if the setting may be left out";
    }

    /**
     * Why a setting written as {@code ${?VAR}} ended up without a value, if it was: {@code written} is the value as
     * written in the file, or null.
     */
    static Optional<String> unsetVariablesMessage(ConfigValue written) {
        if (written == null || isResolved(written)) {
            return Optional.empty();
        }
        List<String> variables = variablesIn(written.render());
        if (variables.isEmpty()) {
            return Optional.empty();
        }
        String names = String.join(", ", variables);
        return Optional.of("has no value because environment variable " + names + " is not set; export " + names
                + " before starting binlog-sync");
    }

    /** The names in the substitutions of a rendered value: {@code "a"${X}${?Y}} gives X and Y. */
    static List<String> variablesIn(String rendered) {
        List<String> names = new ArrayList<>();
        Matcher matcher = SUBSTITUTION.matcher(rendered);
        while (matcher.find()) {
            names.add(matcher.group(1).replace("\"", ""));
        }
        return names;
    }
}
