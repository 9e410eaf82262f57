package io.binlogsync.event;

/** A column value that is already JSON text (a MySQL JSON column), to be embedded as JSON, not as a string. */
public record JsonText(String json) {
}
