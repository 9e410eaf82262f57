package io.binlogsync.config;

import java.util.Objects;
import java.util.Optional;

/**
 * The settings and mappings a mapping gives its index, as the JSON of a create-index request's {@code settings} and
 * {@code mappings} objects: written inline ({@code index-settings { ... }}, {@code index-mappings { ... }}) or read
 * from a JSON file ({@code index-file}) holding {@code {"settings": ..., "mappings": ...}}.
 *
 * @param source   where they were written, e.g. {@code mappings[0].index-mappings} or the file, for messages
 * @param settings the {@code settings} object as JSON text, if given
 * @param mappings the {@code mappings} object as JSON text, if given
 */
public record IndexDefinition(String source, Optional<String> settings, Optional<String> mappings) {

    public IndexDefinition {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(mappings, "mappings");
    }
}
