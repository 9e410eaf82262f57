package io.binlogsync.config;

import com.typesafe.config.ConfigOrigin;

import java.net.URL;
import java.nio.file.Path;

/** Renders where a value is written as {@code file.conf:12}, or "" when that is unknown or not the user's file. */
final class OriginText {

    private OriginText() {
    }

    static String of(ConfigOrigin origin) {
        if (origin == null || origin.lineNumber() < 0) {
            return "";
        }
        String name = name(origin);
        if (name.isEmpty() || name.startsWith("merge of ") || name.equals(ConfigDefaults.ORIGIN)
                || name.equals(Substitutions.ENVIRONMENT_ORIGIN)) {
            return "";
        }
        return name + ":" + origin.lineNumber();
    }

    /** The first of the candidates that renders to something, or "". */
    static String firstKnown(String... candidates) {
        for (String candidate : candidates) {
            if (!candidate.isEmpty()) {
                return candidate;
            }
        }
        return "";
    }

    private static String name(ConfigOrigin origin) {
        if (origin.filename() != null) {
            Path file = Path.of(origin.filename()).getFileName();
            return file == null ? origin.filename() : file.toString();
        }
        URL url = origin.url();
        if (url != null) {
            String path = url.getPath();
            return path.substring(path.lastIndexOf('/') + 1);
        }
        return withoutLineSuffix(origin.description());
    }

    /** typesafe describes a parsed string as "name: 12" or "name: 12-14"; we want just "name". */
    private static String withoutLineSuffix(String description) {
        int separator = description.lastIndexOf(": ");
        if (separator >= 0 && description.substring(separator + 2).matches("\\d+(-\\d+)?")) {
            return description.substring(0, separator);
        }
        return description;
    }
}
