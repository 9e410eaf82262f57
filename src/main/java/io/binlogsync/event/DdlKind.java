package io.binlogsync.event;

/**
 * What a DDL statement does to the tables it names. PARTITION_REMOVAL removes some rows without row events
 * (ALTER TABLE ... TRUNCATE/DROP/EXCHANGE PARTITION).
 */
public enum DdlKind { CREATE, ALTER, RENAME, TRUNCATE, DROP, PARTITION_REMOVAL, OTHER }
