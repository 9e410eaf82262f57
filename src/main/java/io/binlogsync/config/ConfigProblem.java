package io.binlogsync.config;

import java.util.Objects;

/**
 * One thing wrong with the configuration.
 *
 * @param path    the setting, e.g. {@code mappings[1].redis.invalidate[0]}; empty for the file as a whole
 * @param origin  where it is written, e.g. {@code binlog-sync.conf:14}; empty when unknown or a built-in default
 * @param message what is wrong, then after a semicolon how to fix it; never contains a secret
 */
public record ConfigProblem(String path, String origin, String message) {

    public ConfigProblem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(message, "message");
    }

    /** {@code mappings[1].redis.invalidate[0] (binlog-sync.conf:14): <what is wrong>; <how to fix>} */
    public String text() {
        String where = origin.isEmpty() ? path : (path.isEmpty() ? origin : path + " (" + origin + ")");
        return where.isEmpty() ? message : where + ": " + message;
    }

    @Override
    public String toString() {
        return text();
    }
}
