package io.binlogsync.version;

import io.binlogsync.config.DocumentVersions;

/** What to tell an operator whose source is another server than the one the saved position belongs to. */
public final class FailoverAdvice {
    private FailoverAdvice() {
    }

    public static String text(DocumentVersions versions) {
        if (versions == DocumentVersions.GTID) {
            return "binlog-sync follows another server only by GTID: on MariaDB the state file must hold a GTID"
                    + " (it does once a transaction was read with this version), on MySQL set gtid_mode=ON."
                    + " Otherwise resync the indices with a new state file";
        }
        return "Document versions come from binlog positions (elasticsearch.versions = binlog-position), and another"
                + " server's positions do not compare with them: a newer change could be refused as older."
                + " Resync the indices with a new state file; to survive failovers on MariaDB, set"
                + " elasticsearch.versions = gtid before that resync";
    }
}
