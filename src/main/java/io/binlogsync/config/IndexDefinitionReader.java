package io.binlogsync.config;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a mapping's {@code index-settings}, {@code index-mappings} and {@code index-file}. The result is empty when a
 * problem was reported, and holds an empty definition when the mapping gives none.
 */
final class IndexDefinitionReader {
    private static final Set<String> FILE_KEYS = Set.of("settings", "mappings", "aliases");

    private IndexDefinitionReader() {
    }

    static Optional<Optional<IndexDefinition>> read(Section mapping) {
        Optional<String> settings = mapping.objectAsJson("index-settings");
        Optional<String> mappings = mapping.objectAsJson("index-mappings");
        boolean inlineWritten = !mapping.isAbsent("index-settings") || !mapping.isAbsent("index-mappings");
        boolean inlineValid = (settings.isPresent() || mapping.isAbsent("index-settings"))
                && (mappings.isPresent() || mapping.isAbsent("index-mappings"));
        Optional<String> file = mapping.optionalString("index-file", false);
        if (!inlineValid) {
            return Optional.empty();
        }
        if (file.isPresent() && inlineWritten) {
            mapping.problem("index-file", "both index-file and index-settings/index-mappings are given; keep one: the"
                    + " file, or the inline settings and mappings");
            return Optional.empty();
        }
        if (file.isPresent()) {
            return fromFile(mapping, Path.of(file.get()));
        }
        if (mappings.isPresent() && !fieldsValid(mapping, mapping.pathOf("index-mappings"),
                ConfigFactory.parseString(mappings.get()).root())) {
            return Optional.empty();
        }
        return Optional.of(inlineWritten ? Optional.of(new IndexDefinition(mapping.pathOf("index-mappings"),
                settings, mappings)) : Optional.empty());
    }

    private static Optional<Optional<IndexDefinition>> fromFile(Section mapping, Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            mapping.problem("index-file", file.toAbsolutePath() + " is not a readable file; write the create-index"
                    + " body there ({\"settings\": {...}, \"mappings\": {...}}) or fix the path");
            return Optional.empty();
        }
        ConfigObject body;
        try {
            body = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setSyntax(ConfigSyntax.JSON)
                    .setAllowMissing(false)).root();
        } catch (ConfigException e) {
            mapping.problem("index-file", file + " is not valid JSON: " + e.getMessage());
            return Optional.empty();
        }
        for (String key : body.keySet()) {
            if (!FILE_KEYS.contains(key)) {
                mapping.problem("index-file", file + " has the key \"" + key + "\"; a create-index body has only"
                        + " \"settings\" and \"mappings\" (\"aliases\" is ignored: the mapping's index is the name)");
                return Optional.empty();
            }
        }
        Optional<String> settings = objectJson(mapping, file, body, "settings");
        Optional<String> mappings = objectJson(mapping, file, body, "mappings");
        if ((body.containsKey("settings") && settings.isEmpty()) || (body.containsKey("mappings") && mappings.isEmpty())
                || (mappings.isPresent() && !fieldsValid(mapping, file + " mappings",
                (ConfigObject) body.get("mappings")))) {
            return Optional.empty();
        }
        return Optional.of(Optional.of(new IndexDefinition(file.toString(), settings, mappings)));
    }

    private static Optional<String> objectJson(Section mapping, Path file, ConfigObject body, String key) {
        ConfigValue value = body.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value.valueType() != ConfigValueType.OBJECT) {
            mapping.problem("index-file", file + ": \"" + key + "\" must be an object");
            return Optional.empty();
        }
        return Optional.of(value.render(ConfigRenderOptions.concise()));
    }

    /** Every field under {@code properties} is an object with a string {@code type} or with {@code properties}. */
    private static boolean fieldsValid(Section mapping, String where, ConfigObject mappings) {
        ConfigValue properties = mappings.get("properties");
        if (properties == null) {
            return true;
        }
        if (properties.valueType() != ConfigValueType.OBJECT) {
            mapping.problemHere(where + ": properties must be an object of fields, e.g. properties { price { type ="
                    + " double } }");
            return false;
        }
        boolean valid = true;
        for (Map.Entry<String, ConfigValue> field : ((ConfigObject) properties).entrySet()) {
            String at = where + ".properties." + field.getKey();
            if (field.getValue().valueType() != ConfigValueType.OBJECT) {
                mapping.problemHere(at + " must be an object, e.g. { type = keyword }");
                valid = false;
                continue;
            }
            ConfigObject definition = (ConfigObject) field.getValue();
            ConfigValue type = definition.get("type");
            if (type != null && type.valueType() != ConfigValueType.STRING) {
                mapping.problemHere(at + ".type must be a type name such as keyword, long or double");
                valid = false;
            } else if (type == null && !definition.containsKey("properties")) {
                mapping.problemHere(at + " has neither a type nor properties; give it one, e.g. { type = keyword }");
                valid = false;
            } else {
                valid &= fieldsValid(mapping, at, definition);
            }
        }
        return valid;
    }
}
