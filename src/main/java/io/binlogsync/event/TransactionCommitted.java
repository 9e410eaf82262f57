package io.binlogsync.event;

import java.util.Optional;

/**
 * The end of a transaction (XID, COMMIT, or a DDL statement, which commits implicitly). {@code resumeAt} is the
 * position right after it: where to start reading again to get the next transaction whole. {@code gtid} is the
 * transaction's GTID where the server assigns one (MariaDB {@code domain-server-seq}, MySQL {@code uuid:n}).
 */
public record TransactionCommitted(BinlogPosition resumeAt, Optional<String> gtid) implements ChangeEvent {
}
