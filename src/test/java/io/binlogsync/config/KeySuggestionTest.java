package io.binlogsync.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeySuggestionTest {

    private static final List<String> BULK = List.of("max-actions", "max-bytes", "max-wait");
    private static final List<String> SOURCE = List.of("host", "port", "user", "password", "server-id", "start",
            "connect-timeout", "heartbeat-interval");

    @ParameterizedTest
    @CsvSource({"max-action, max-actions", "maxActions, max-actions", "MAX_BYTES, max-bytes",
            "max-wiat, max-wait", "maxwait, max-wait"})
    void suggestsTheCloseBulkKey(String unknown, String expected) {
        assertEquals(Optional.of(expected), KeySuggestion.closest(unknown, BULK));
    }

    @ParameterizedTest
    @CsvSource({"prot, port", "hots, host", "passwd, password", "serverid, server-id", "server_id, server-id",
            "connect-timout, connect-timeout", "heartbeat, heartbeat-interval", "connect, connect-timeout"})
    void suggestsTheCloseSourceKey(String unknown, String expected) {
        assertEquals(Optional.of(expected), KeySuggestion.closest(unknown, SOURCE));
    }

    @ParameterizedTest
    @CsvSource({"backoff", "back-off"})
    void suggestsNothingWhenAShortenedKeyFitsSeveral(String unknown) {
        assertEquals(Optional.empty(), KeySuggestion.closest(unknown, List.of("initial-backoff", "max-backoff")));
    }

    @ParameterizedTest
    @CsvSource({"colour", "database", "x", "time"})
    void suggestsNothingForUnrelatedKeys(String unknown) {
        assertEquals(Optional.empty(), KeySuggestion.closest(unknown, SOURCE));
    }
}
