package io.binlogsync.config;

import java.util.ArrayList;
import java.util.List;

/** Collects problems while the whole configuration is read, so the user sees all of them at once. */
final class Problems {

    private final List<ConfigProblem> problems = new ArrayList<>();

    void add(String path, String origin, String message) {
        problems.add(new ConfigProblem(path, origin, message));
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }
}
