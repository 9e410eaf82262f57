package io.binlogsync.checkpoint;

/** The state file cannot be read or written; the message names the file and what to do. */
public class StateFileException extends RuntimeException {
    public StateFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
