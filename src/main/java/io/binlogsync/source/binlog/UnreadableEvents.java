package io.binlogsync.source.binlog;

/**
 * Binlog events binlog-sync cannot read or must not pass over, each as the error that stops the stream: what the
 * event is and what to set on the server (or do) so the stream can go on.
 */
final class UnreadableEvents {
    private static final int MARIADB_COMPRESSED_FIRST = 165;
    private static final int MARIADB_COMPRESSED_LAST = 171;

    private UnreadableEvents() {
    }

    static IllegalStateException incident() {
        return new IllegalStateException("an INCIDENT event: the server recorded that changes may be"
                + " missing from its binlog here (e.g. LOST_EVENTS). The index may lack them: resync it, then move"
                + " the position past this event by hand");
    }

    static IllegalStateException compressedTransaction() {
        return new IllegalStateException("a compressed transaction (TRANSACTION_PAYLOAD):"
                + " binlog-sync cannot read those yet. Set binlog_transaction_compression=OFF on the server");
    }

    static IllegalStateException partialJsonUpdate() {
        return new IllegalStateException("a partial JSON update row event:"
                + " binlog-sync needs whole row images. Set binlog_row_value_options='' on the server");
    }

    static IllegalStateException twoPhaseXa() {
        return new IllegalStateException("a two-phase XA transaction (XA PREPARE) is in the binlog: binlog-sync"
                + " cannot yet hold its rows until XA COMMIT or XA ROLLBACK. Avoid two-phase XA on mapped tables");
    }

    /** An event of a type code the library does not know: it might carry changes. */
    static IllegalStateException unknown(int code) {
        if (code >= MARIADB_COMPRESSED_FIRST && code <= MARIADB_COMPRESSED_LAST) {
            return new IllegalStateException("a compressed binlog event (type " + code + "): binlog-sync cannot read"
                    + " MariaDB's compressed events yet. Set log_bin_compress=OFF on the server");
        }
        return new IllegalStateException("a binlog event of type " + code + ", which binlog-sync does not know; it"
                + " may carry changes, so binlog-sync stops rather than pass over it");
    }
}
