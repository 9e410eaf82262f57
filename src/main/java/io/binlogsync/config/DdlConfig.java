package io.binlogsync.config;

import java.util.Objects;

/**
 * What a TRUNCATE or a DROP TABLE of a mapped table does ({@code ddl { ... }}). Other DDL is always followed.
 *
 * @param onTruncate what a TRUNCATE of a mapped table does
 * @param onDrop     what a DROP TABLE of a mapped table does
 */
public record DdlConfig(TruncatePolicy onTruncate, DropPolicy onDrop) {

    /** {@code ddl.on-truncate}. */
    public enum TruncatePolicy {
        /**
         * Delete every document of the table's index; refused (the daemon stops) if another table's mapping writes
         * to the same index.
         */
        DELETE_DOCUMENTS,
        /** Leave the index as it is, with a WARN. */
        IGNORE,
        /** Stop the daemon with an error naming the table and the binlog position. */
        STOP;

        /** The spelling used in the configuration file: {@code delete-documents}, {@code ignore}, {@code stop}. */
        public String configValue() {
            return EnumSpelling.of(this);
        }
    }

    /** {@code ddl.on-drop}. */
    public enum DropPolicy {
        /** The dropped table's mappings stop, with an ERROR; the other tables go on. */
        STOP_MAPPING,
        /** Stop the daemon with an error naming the table and the binlog position. */
        STOP;

        /** The spelling used in the configuration file: {@code stop-mapping}, {@code stop}. */
        public String configValue() {
            return EnumSpelling.of(this);
        }
    }

    public DdlConfig {
        Objects.requireNonNull(onTruncate, "onTruncate");
        Objects.requireNonNull(onDrop, "onDrop");
    }
}
