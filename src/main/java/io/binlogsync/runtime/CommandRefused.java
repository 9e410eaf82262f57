package io.binlogsync.runtime;

/**
 * Ends a command whose config or command line is wrong, after it has printed why; {@link Main} turns it into
 * {@link ExitCode#CONFIG}.
 */
final class CommandRefused extends RuntimeException {
    CommandRefused() {
        super("refused: the config or the command line is wrong (printed above)", null, false, false);
    }
}
