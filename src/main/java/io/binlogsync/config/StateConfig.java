package io.binlogsync.config;

import java.nio.file.Path;
import java.util.Objects;

/** Where the saved binlog position lives. */
public record StateConfig(Path file) {

    public StateConfig {
        Objects.requireNonNull(file, "file");
    }
}
