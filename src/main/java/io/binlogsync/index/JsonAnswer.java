package io.binlogsync.index;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A successful JSON answer: its body (an empty object when there was none) and its headers, by lower-case name. */
public record JsonAnswer(JsonNode body, Map<String, String> headers) {
    public JsonAnswer {
        headers = Map.copyOf(headers);
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }
}
