package io.binlogsync.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException.BadValue;
import com.typesafe.config.ConfigException.NotResolved;
import com.typesafe.config.ConfigException.WrongType;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValueType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One object of the configuration, read key by key into Java values. Every problem is reported with its path and
 * origin instead of thrown, and a getter then returns empty: so an empty result always means "already reported".
 * The keys asked for are the keys this object knows; {@link #rejectUnknownKeys()} reports the rest.
 *
 * <p>Values come from the user's file merged with the defaults and resolved; the file as written is kept too, because
 * typesafe forgets the line of an object once it is merged with defaults and the line of a value taken from an
 * environment variable.
 */
final class Section {

    private static final Pattern SIMPLE_KEY = Pattern.compile("[A-Za-z0-9_-]+");
    private static final String NO_VALUE = "has no value; set one, or delete the line to use the default";
    private static final String MISSING = "required setting is missing; ";

    private final String path;
    private final ConfigObject values;
    private final ConfigObject written;
    private final String origin;
    private final Problems problems;
    private final boolean broken;
    private final Set<String> knownKeys = new LinkedHashSet<>();

    private Section(String path, ConfigObject values, ConfigObject written, String origin, Problems problems,
                    boolean broken) {
        this.path = path;
        this.values = values;
        this.written = written;
        this.origin = origin;
        this.problems = problems;
        this.broken = broken;
    }

    /** @param written the user's file before merging and resolving, for origins */
    static Section root(ConfigObject values, ConfigObject written, Problems problems) {
        return new Section("", values, written, "", problems, false);
    }

    String path() {
        return path;
    }

    String pathOf(String key) {
        String name = SIMPLE_KEY.matcher(key).matches() ? key : "\"" + key.replace("\"", "\\\"") + "\"";
        return path.isEmpty() ? name : path + "." + name;
    }

    String originOf(String key) {
        return OriginText.firstKnown(OriginText.of(originOfValue(values, key)),
                OriginText.of(originOfValue(written, key)), origin);
    }

    // --- reporting ---------------------------------------------------------------------------------------------

    void problem(String key, String message) {
        problems.add(pathOf(key), originOf(key), message);
    }

    void problem(LocatedString at, String message) {
        problems.add(at.path(), at.origin(), message);
    }

    void problemHere(String message) {
        problems.add(path, origin, message);
    }

    /** Reports every key of this object that no getter asked for, suggesting the known key it resembles. */
    void rejectUnknownKeys() {
        if (broken) {
            return;
        }
        for (String key : new TreeSet<>(values.keySet())) {
            if (!knownKeys.contains(key)) {
                String hint = KeySuggestion.closest(key, knownKeys)
                        .map(known -> "did you mean `" + known + "`?")
                        .orElse("remove it; the keys allowed here are " + String.join(", ", knownKeys));
                problem(key, "unknown key `" + key + "`; " + hint);
            }
        }
    }

    // --- scalars -----------------------------------------------------------------------------------------------

    /** Reports a key without a default that is missing; true if it is there to be read. */
    boolean require(String key, String howToSet) {
        if (broken) {
            return false;
        }
        if (isAbsent(key)) {
            reportMissing(key, MISSING + howToSet);
            return false;
        }
        return true;
    }

    /** A string with a default: missing only if the user wrote {@code = null}. */
    Optional<String> string(String key) {
        return string(key, false, NO_VALUE);
    }

    /** A string without a default; {@code howToSet} tells the user what to write. */
    Optional<String> requiredString(String key, String howToSet) {
        return string(key, false, MISSING + howToSet);
    }

    /** Like {@link #requiredString} for a password: its value never appears in a problem. */
    Optional<String> requiredSecret(String key, String howToSet) {
        return string(key, true, MISSING + howToSet);
    }

    /** A string that may be left out (or {@code null}): empty then, with no problem. */
    Optional<String> optionalString(String key, boolean secret) {
        return isAbsent(key) ? Optional.empty() : string(key, secret, NO_VALUE);
    }

    Optional<Long> wholeNumber(String key, long min, long max, String rangeHint) {
        return typed(key, NO_VALUE, "a whole number", "write digits without quotes; " + rangeHint, false,
                Config::getNumber)
                .flatMap(number -> inRange(key, number, min, max, rangeHint));
    }

    /** A duration longer than zero; a bare number is milliseconds, as in typesafe config. */
    Optional<Duration> positiveDuration(String key) {
        return typed(key, NO_VALUE, "a duration", "write a number and a unit, e.g. 500ms, 10s or 2m"
                        + " (units: ns, us, ms, s, m, h, d)", false, Config::getDuration)
                .flatMap(duration -> {
                    if (duration.isNegative() || duration.isZero()) {
                        problem(key, "must be longer than 0, found " + duration.toMillis() + "ms; "
                                + "write a positive duration, e.g. 500ms or 10s");
                        return Optional.empty();
                    }
                    return Optional.of(duration);
                });
    }

    /** A size in bytes of at least {@code min}; typesafe units: kB = 1000 bytes, KiB = 1024, MB, MiB, GB, ... */
    Optional<Long> bytes(String key, long min, String minText) {
        return typed(key, NO_VALUE, "a size", "write a number and a unit, e.g. 5MB or 512kB"
                        + " (units: B, kB, MB, GB with 1000; KiB, MiB, GiB with 1024)", false, Config::getBytes)
                .flatMap(size -> {
                    if (size < min) {
                        problem(key, "must be at least " + minText + ", found " + size + " bytes; "
                                + "write a larger size, e.g. 5MB");
                        return Optional.empty();
                    }
                    return Optional.of(size);
                });
    }

    /**
     * A string naming one of a fixed set of choices, as {@code spelling} reads it; other text is reported as
     * "`text` is not {@code notA}; write {@code howToWrite}".
     */
    <E> Optional<E> choice(String key, Function<String, Optional<E>> spelling, String notA, String howToWrite) {
        return string(key).flatMap(text -> {
            Optional<E> choice = spelling.apply(text);
            if (choice.isEmpty()) {
                problem(key, "`" + ConfigValueText.abbreviated(text) + "` is not " + notA + "; write " + howToWrite);
            }
            return choice;
        });
    }

    /**
     * A yes/no setting: {@code true} or {@code false} (and HOCON's other spellings, yes/no, on/off); other text is
     * reported with {@code howToWrite}, e.g. "verify-host-name = true (...) or false (...)".
     */
    Optional<Boolean> flag(String key, String howToWrite) {
        return choice(key, text -> switch (text.strip()) {
            case "true", "yes", "on" -> Optional.of(true);
            case "false", "no", "off" -> Optional.of(false);
            default -> Optional.empty();
        }, "true or false", howToWrite);
    }

    // --- lists, maps and objects -------------------------------------------------------------------------------

    /** A list of strings, each with its own path ({@code key[0]}) and origin. */
    Optional<List<LocatedString>> stringList(String key) {
        return typed(key, NO_VALUE, "a list", "write it in brackets, e.g. " + key + " = [\"a\", \"b\"]", false,
                Config::getList)
                .flatMap(list -> strings(list, writtenValue(key) instanceof ConfigList raw ? raw : null, key));
    }

    /** An object whose values are strings, e.g. {@code rename { title = "name" }}; paths are {@code key.name}. */
    Optional<Map<String, LocatedString>> stringMap(String key) {
        Optional<ConfigObject> object = typed(key, NO_VALUE, "an object",
                "write it in braces, e.g. " + key + " { a = \"b\" }", false, Config::getObject);
        return object.flatMap(map -> section(key).strings(map));
    }

    /** An object taken whole, as JSON text, e.g. an index's mappings written in HOCON; empty when absent. */
    Optional<String> objectAsJson(String key) {
        if (broken || isAbsent(key)) {
            return Optional.empty();
        }
        return typed(key, NO_VALUE, "an object", "write it in braces, e.g. " + key + " { ... }", false,
                Config::getObject).map(object -> object.render(ConfigRenderOptions.concise()));
    }

    /** A nested object; a missing one reads as empty. After a type problem, the result reports nothing more. */
    Section section(String key) {
        if (broken || isAbsent(key)) {
            return new Section(pathOf(key), ConfigFactory.empty().root(), null, originOf(key), problems, broken);
        }
        Optional<ConfigObject> object = typed(key, NO_VALUE, "an object",
                "write it in braces, e.g. " + key + " { ... }", false, Config::getObject);
        return new Section(pathOf(key), object.orElse(ConfigFactory.empty().root()),
                writtenValue(key) instanceof ConfigObject raw ? raw : null, originOf(key), problems,
                object.isEmpty());
    }

    /**
     * The keys of an object whose keys are names the user chooses (columns, say), sorted; each counts as known.
     * Empty after a type problem with the object itself.
     */
    Optional<Set<String>> keys() {
        if (broken) {
            return Optional.empty();
        }
        Set<String> keys = new TreeSet<>(values.keySet());
        knownKeys.addAll(keys);
        return Optional.of(keys);
    }

    /** Whether {@code key} holds an object, to be read with {@link #section}; false when absent or unresolved. */
    boolean isObject(String key) {
        ConfigValue value = values.get(key);
        return value != null && isResolved(value) && value.valueType() == ConfigValueType.OBJECT;
    }

    /** A nested object that may be left out (or {@code null}). */
    Optional<Section> optionalSection(String key) {
        return isAbsent(key) ? Optional.empty() : Optional.of(section(key));
    }

    /**
     * A list of objects, each merged over {@code elementDefaults}. A missing or empty list is reported with
     * {@code whenEmpty}; an element that is not an object is reported and left out, so the others are still checked.
     */
    List<Section> nonEmptySectionList(String key, ConfigObject elementDefaults, String whenEmpty) {
        if (broken) {
            return List.of();
        }
        if (isAbsent(key)) {
            problem(key, whenEmpty);
            return List.of();
        }
        Optional<ConfigList> list = typed(key, NO_VALUE, "a list",
                "write it in brackets, e.g. " + key + " = [{ ... }, { ... }]", false, Config::getList);
        if (list.isPresent() && list.orElseThrow().isEmpty()) {
            problem(key, whenEmpty);
        }
        return list.map(elements -> sections(key, elements, elementDefaults)).orElse(List.of());
    }

    // --- internals ---------------------------------------------------------------------------------------------

    private Optional<String> string(String key, boolean secret, String whenMissing) {
        return typed(key, whenMissing, "a string", "put the text in quotes, e.g. " + key + " = \"...\"", secret,
                Config::getString);
    }

    /** Reads one value with a typesafe getter, turning every failure into a problem and an empty result. */
    private <T> Optional<T> typed(String key, String whenMissing, String expected, String typeHint, boolean secret,
                                  BiFunction<Config, String, T> getter) {
        if (broken) {
            return Optional.empty();
        }
        if (isAbsent(key)) {
            reportMissing(key, whenMissing);
            return Optional.empty();
        }
        ConfigValue value = values.get(key);
        if (!isResolved(value)) {
            reportUnresolved(pathOf(key), originOf(key), value);
            return Optional.empty();
        }
        try {
            return Optional.of(getter.apply(values.toConfig(), quoted(key)));
        } catch (WrongType e) {
            problem(key, "expected " + expected + ", found " + ConfigValueText.describe(value, secret) + "; " + typeHint);
        } catch (BadValue e) {
            problem(key, ConfigValueText.describe(value, secret) + " is not " + expected + "; " + typeHint);
        }
        return Optional.empty();
    }

    private Optional<Long> inRange(String key, Number number, long min, long max, String rangeHint) {
        double asDouble = number.doubleValue();
        if (asDouble != Math.rint(asDouble)) {
            problem(key, "must be a whole number, found " + number + "; " + rangeHint);
        } else if (asDouble < min || asDouble > max) {
            problem(key, "must be between " + min + " and " + max + ", found " + ConfigValueText.number(number) + "; "
                    + rangeHint);
        } else {
            return Optional.of(number.longValue());
        }
        return Optional.empty();
    }

    private Optional<List<LocatedString>> strings(ConfigList list, ConfigList raw, String key) {
        List<LocatedString> items = new ArrayList<>();
        boolean complete = true;
        for (int i = 0; i < list.size(); i++) {
            String itemPath = pathOf(key) + "[" + i + "]";
            String itemOrigin = OriginText.firstKnown(OriginText.of(list.get(i).origin()),
                    raw != null && i < raw.size() ? OriginText.of(raw.get(i).origin()) : "", originOf(key));
            Optional<String> item = scalarText(list.get(i), itemPath, itemOrigin);
            item.ifPresent(text -> items.add(new LocatedString(itemPath, itemOrigin, text)));
            complete &= item.isPresent();
        }
        return complete ? Optional.of(items) : Optional.empty();
    }

    private Optional<Map<String, LocatedString>> strings(ConfigObject map) {
        Map<String, LocatedString> entries = new LinkedHashMap<>();
        boolean complete = true;
        for (String name : new TreeSet<>(map.keySet())) {
            knownKeys.add(name);
            Optional<String> item = scalarText(map.get(name), pathOf(name), originOf(name));
            item.ifPresent(text -> entries.put(name, new LocatedString(pathOf(name), originOf(name), text)));
            complete &= item.isPresent();
        }
        return complete ? Optional.of(entries) : Optional.empty();
    }

    private Optional<String> scalarText(ConfigValue value, String itemPath, String itemOrigin) {
        if (!isResolved(value)) {
            reportUnresolved(itemPath, itemOrigin, value);
            return Optional.empty();
        }
        return switch (value.valueType()) {
            case STRING, BOOLEAN -> Optional.of(String.valueOf(value.unwrapped()));
            // as written (007, 1.50), as getString reads a single number: unwrapped() would give 7 and 1.5
            case NUMBER -> Optional.of(value.atKey("number").getString("number"));
            default -> {
                problems.add(itemPath, itemOrigin, "expected a string, found " + ConfigValueText.describe(value, false)
                        + "; put the text in quotes, e.g. \"...\"");
                yield Optional.empty();
            }
        };
    }

    private List<Section> sections(String key, ConfigList list, ConfigObject elementDefaults) {
        List<Section> sections = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            ConfigValue element = list.get(i);
            String elementPath = pathOf(key) + "[" + i + "]";
            String elementOrigin = OriginText.firstKnown(OriginText.of(element.origin()), originOf(key));
            if (!isResolved(element)) {
                reportUnresolved(elementPath, elementOrigin, element);
            } else if (element instanceof ConfigObject object) {
                sections.add(new Section(elementPath, object.withFallback(elementDefaults), object, elementOrigin,
                        problems, false));
            } else {
                problems.add(elementPath, elementOrigin, "expected an object, found "
                        + ConfigValueText.describe(element, false) + "; write each entry in braces, e.g. { ... }");
            }
        }
        return sections;
    }

    private void reportMissing(String key, String whenMissing) {
        problem(key, Substitutions.unsetVariablesMessage(writtenValue(key)).orElse(whenMissing));
    }

    private void reportUnresolved(String at, String where, ConfigValue value) {
        problems.add(at, where, Substitutions.unresolvedMessage(value));
    }

    boolean isAbsent(String key) {
        knownKeys.add(key);
        ConfigValue value = values.get(key);
        return value == null || (isResolved(value) && value.valueType() == ConfigValueType.NULL);
    }

    private ConfigValue writtenValue(String key) {
        if (written == null) {
            return null;
        }
        try {
            return written.get(key);
        } catch (NotResolved e) {
            return null;
        }
    }

    private static ConfigOrigin originOfValue(ConfigObject object, String key) {
        if (object == null) {
            return null;
        }
        try {
            ConfigValue value = object.get(key);
            return value == null ? null : value.origin();
        } catch (NotResolved e) {
            return null;
        }
    }

    private static boolean isResolved(ConfigValue value) {
        return Substitutions.isResolved(value);
    }

    private static String quoted(String key) {
        return ConfigUtil.joinPath(key);
    }
}
