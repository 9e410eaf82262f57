package io.binlogsync.checkpoint;

import io.binlogsync.config.DocumentVersions;

import java.util.Objects;

/**
 * Whose binlog a saved position belongs to ({@code @@server_id}) and how the documents written so far were
 * versioned: a restart against another server, or with other versions, must not go on as if nothing changed.
 */
public record StreamOrigin(long serverId, DocumentVersions versions) {

    public StreamOrigin {
        Objects.requireNonNull(versions, "versions");
    }
}
