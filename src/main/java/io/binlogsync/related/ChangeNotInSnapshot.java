package io.binlogsync.related;

import io.binlogsync.event.GtidPosition;

import java.sql.SQLException;

/**
 * The source's consistent snapshots still did not hold a change that asked for a rebuild after the wait a change the
 * binlog holds takes to become visible: the source is not the server the change was read from, or (GTID versions,
 * after a failover) a server that does not have that transaction.
 */
final class ChangeNotInSnapshot extends SQLException {
    private final transient ChangePoint change;
    private final transient GtidPosition snapshot;

    ChangeNotInSnapshot(String message, ChangePoint change, GtidPosition snapshot) {
        super(message);
        this.change = change;
        this.snapshot = snapshot;
    }

    ChangePoint change() {
        return change;
    }

    /** Where the last snapshot taken stood. */
    GtidPosition snapshot() {
        return snapshot;
    }
}
