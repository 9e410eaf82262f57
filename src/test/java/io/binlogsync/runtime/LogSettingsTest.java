package io.binlogsync.runtime;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogSettingsTest {
    private final Logger ours = (Logger) LoggerFactory.getLogger("io.binlogsync");
    private final Level before = ours.getLevel();

    @AfterEach
    void restore() {
        ours.setLevel(before);
    }

    @Test
    void logLevelSetsOurLoggersOnEveryCommandAndRefusesAnUnknownLevel() {
        assertEquals(0, Main.execute("help", "--log-level", "warn"));
        assertEquals(Level.WARN, ours.getLevel());
        assertEquals(0, Main.execute("--log-level", "DEBUG", "help"));
        assertEquals(Level.DEBUG, ours.getLevel());
        assertEquals(ExitCode.CONFIG, Main.execute("--log-level", "loud", "help"));
        assertEquals(ExitCode.CONFIG, Main.execute("help", "--log-format", "xml"));
    }

    @Test
    void programmingErrorsAreUnexpectedExplainedConditionsAreNot() {
        assertTrue(LogSettings.unexpected(new NullPointerException()));
        assertTrue(LogSettings.unexpected(new RuntimeException("wrapped", new ClassCastException())));
        assertFalse(LogSettings.unexpected(new IllegalStateException("table gone")));
        assertFalse(LogSettings.unexpected(new UncheckedIOException(new java.io.IOException("disk full"))));
        assertFalse(LogSettings.unexpected(new java.sql.SQLException("denied")));
    }
}
