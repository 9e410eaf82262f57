package io.binlogsync.event;

import java.io.Serializable;

/**
 * A value the server holds but a document cannot: a zero or impossible date such as {@code 0000-00-00} or
 * {@code 2024-02-30} (legal under a permissive {@code sql_mode}). Documents write it as null; document ids and
 * cache keys write {@code serverText}, the server's own text of it, so every row keeps a stable, unique id.
 */
public record UnrepresentableValue(String serverText) implements Serializable {
}
