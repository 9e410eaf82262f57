package io.binlogsync.config;

/** A string setting together with where it is, for problems about it. */
record LocatedString(String path, String origin, String value) {
}
