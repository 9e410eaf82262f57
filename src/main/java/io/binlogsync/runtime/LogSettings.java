package io.binlogsync.runtime;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.ParameterException;

import java.util.Iterator;
import java.util.Locale;

/**
 * The global options {@code --log-level} and {@code --log-format}, applied to whatever logback configuration is in
 * force (the built-in one or an operator's {@code -Dlogback.configurationFile}): the level of the {@code io.binlogsync}
 * loggers, and the encoder of every console appender.
 */
final class LogSettings {
    private LogSettings() {
    }

    static void level(String name) {
        Level level = switch (name.toLowerCase(Locale.ROOT)) {
            case "trace" -> Level.TRACE;
            case "debug" -> Level.DEBUG;
            case "info" -> Level.INFO;
            case "warn" -> Level.WARN;
            case "error" -> Level.ERROR;
            default -> throw new IllegalArgumentException("--log-level " + name
                    + " is not a level; use one of trace, debug, info, warn, error");
        };
        ((Logger) LoggerFactory.getLogger("io.binlogsync")).setLevel(level);
    }

    static void format(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "text" -> {
                // the configuration's own pattern
            }
            case "json" -> json();
            default -> throw new IllegalArgumentException("--log-format " + name
                    + " is not a format; use text or json");
        }
    }

    /** Every console appender writes one JSON object a line (logback's JsonEncoder) instead of its pattern. */
    private static void json() {
        // progress then goes to log lines, never a bar redrawn in place between them
        System.setProperty(io.binlogsync.progress.Progress.LOG_FORMAT_PROPERTY, "json");
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        for (Logger logger : context.getLoggerList()) {
            for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext(); ) {
                if (it.next() instanceof ConsoleAppender<ILoggingEvent> console
                        && !(console.getEncoder() instanceof JsonEncoder)) {
                    JsonEncoder encoder = new JsonEncoder();
                    encoder.setContext(context);
                    // the message as written ("reading ... from bin.000003:4"), not its pattern and arguments
                    encoder.setWithFormattedMessage(true);
                    encoder.setWithMessage(false);
                    encoder.setWithArguments(false);
                    encoder.start();
                    console.stop();
                    console.setEncoder(encoder);
                    console.start();
                }
            }
        }
    }

    /**
     * Whether {@code failure} (or a cause of it) is a programming error rather than a condition binlog-sync explains
     * (a server refusing, a bad event, a full disk): those carry their stack trace in the final ERROR line.
     */
    static boolean unexpected(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof Error && !(t instanceof VirtualMachineError)) {
                return true;
            }
            if (t instanceof RuntimeException && !(t instanceof IllegalArgumentException)
                    && !(t instanceof IllegalStateException) && !(t instanceof java.io.UncheckedIOException)
                    && (t.getClass().getName().startsWith("java.") || t.getClass().getName().startsWith("javax."))) {
                return true;
            }
        }
        return false;
    }

    static ParameterException refused(picocli.CommandLine commandLine, IllegalArgumentException e) {
        return new ParameterException(commandLine, e.getMessage());
    }
}
