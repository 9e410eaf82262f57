package io.binlogsync.config;

import java.util.Optional;

/**
 * Where the external versions of Elasticsearch documents come from ({@code elasticsearch.versions}). Chosen once
 * per index: versions of the two kinds do not compare, so switching needs a resync.
 */
public enum DocumentVersions {
    /** The binlog file's number and the event's offset: works on every server, but only on one server. */
    BINLOG_POSITION,
    /**
     * MariaDB's GTID sequence number and the row's place in its transaction: keeps growing across a failover to a
     * replica that was promoted, as long as the servers share one replication domain ({@code gtid_strict_mode}).
     */
    GTID;

    /** The spelling used in the configuration file: {@code binlog-position} or {@code gtid}. */
    public String configValue() {
        return EnumSpelling.of(this);
    }

    public static Optional<DocumentVersions> fromConfigValue(String text) {
        return EnumSpelling.parse(DocumentVersions.class, text);
    }
}
