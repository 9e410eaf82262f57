package io.binlogsync.mapping;

/** A mapping names a column the table no longer has (a DDL dropped or renamed it). */
public class MappingMismatchException extends RuntimeException {
    public MappingMismatchException(String message) {
        super(message);
    }
}
