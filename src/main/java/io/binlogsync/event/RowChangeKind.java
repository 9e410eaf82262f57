package io.binlogsync.event;

public enum RowChangeKind { INSERT, UPDATE, DELETE }
