package io.binlogsync.event;

/**
 * The source cannot go on: a binlog event it could not decode, or a server error that retrying will not cure.
 * {@code position} is where it happened (null when not known).
 */
public record SourceFailed(String message, Throwable cause, BinlogPosition position) implements ChangeEvent {
}
