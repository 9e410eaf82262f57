package io.binlogsync.event;

import java.util.Optional;

/**
 * The end of a transaction (XID, COMMIT, or a DDL statement, which commits implicitly). {@code resumeAt} is the
 * position right after it: where to start reading again to get the next transaction whole. {@code gtid} is the
 * server's GTID state after it where the server has one (MariaDB {@code domain-server-seq,...}, MySQL's executed
 * set {@code uuid:1-n,...}). {@code serverId} is the server whose binlog {@code resumeAt} lies in.
 * {@code commitMillis} is when the source committed it (the event header's time, whole seconds), 0 when unknown.
 */
public record TransactionCommitted(BinlogPosition resumeAt, Optional<String> gtid, long serverId, long commitMillis)
        implements ChangeEvent {

    public TransactionCommitted(BinlogPosition resumeAt, Optional<String> gtid, long serverId) {
        this(resumeAt, gtid, serverId, 0);
    }
}
