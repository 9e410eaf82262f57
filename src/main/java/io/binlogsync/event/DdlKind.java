package io.binlogsync.event;

/** What a DDL statement does to the tables it names. */
public enum DdlKind { CREATE, ALTER, RENAME, TRUNCATE, DROP, OTHER }
