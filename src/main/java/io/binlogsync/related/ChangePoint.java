package io.binlogsync.related;

import io.binlogsync.config.DocumentVersions;
import io.binlogsync.event.BinlogPosition;
import io.binlogsync.event.GtidPosition;
import io.binlogsync.event.MariadbGtids;
import io.binlogsync.version.VersionBounds;
import io.binlogsync.version.VersionScheme;

import java.util.Map;

/**
 * The point of the source's history that a rebuild's consistent snapshot must hold: the change that asked for the
 * rebuild. Rows read before it would carry a version at or above the change's and so hide it for good; read past
 * it, they hold it, and any later change wins over them (see {@link VersionBounds#below}).
 * <ul>
 * <li>{@link Position}: with binlog-position versions, a position in the binlog of the server the change was read
 * from; the daemon follows no other server with those versions, so snapshots are of that one.</li>
 * <li>{@link GtidSequence}: with GTID versions, the change's GTID sequence number in the one replication domain
 * those versions allow. A promoted replica continues that domain's sequence, so this holds on any server of the
 * replication topology, before and after a failover.</li>
 * <li>{@link GtidState}: a whole GTID state reached, every domain of it (a job file saved without the change's
 * GTID: the state the daemon resumed from).</li>
 * </ul>
 */
sealed interface ChangePoint {

    /** Whether a consistent snapshot at {@code at} holds the change. */
    boolean heldBy(GtidPosition at);

    /** The change, as log lines and errors name it. */
    String describe();

    /** The point of a change at {@code position} with version {@code version} under {@code versions}. */
    static ChangePoint of(DocumentVersions versions, BinlogPosition position, long version) {
        return versions == DocumentVersions.GTID
                ? new GtidSequence(VersionScheme.gtidSequenceOf(version), position)
                : new Position(position);
    }

    /** A change at {@code change} of the server whose binlog is read: held by a snapshot past it. */
    record Position(BinlogPosition change) implements ChangePoint {
        @Override
        public boolean heldBy(GtidPosition at) {
            return at.position().compareTo(change) > 0;
        }

        @Override
        public String describe() {
            return "the change at binlog " + change;
        }
    }

    /**
     * A change with GTID sequence number {@code sequence} (of the one replication domain of GTID versions), read at
     * {@code readAt} in the binlog of the server it came from (for the log only: another server's positions differ).
     * Held by a snapshot whose GTID state has reached that sequence number: the version of its rows is then at or
     * above the change's.
     */
    record GtidSequence(long sequence, BinlogPosition readAt) implements ChangePoint {
        @Override
        public boolean heldBy(GtidPosition at) {
            // fails, as the versions would, when the snapshot has no GTID state or several domains
            return VersionBounds.below(DocumentVersions.GTID, at) >= VersionScheme.ofGtid(sequence, 0);
        }

        @Override
        public String describe() {
            return "the change with GTID sequence number " + sequence + " (read at binlog " + readAt
                    + " of the server it came from)";
        }
    }

    /** A GTID state: held by a snapshot whose GTID state has, in each of its domains, reached its sequence. */
    record GtidState(String state) implements ChangePoint {
        public GtidState {
            MariadbGtids.parse(state);
        }

        @Override
        public boolean heldBy(GtidPosition at) {
            Map<Long, MariadbGtids.Gtid> snapshot = MariadbGtids.parse(at.gtid().orElse(""));
            for (MariadbGtids.Gtid needed : MariadbGtids.parse(state).values()) {
                MariadbGtids.Gtid reached = snapshot.get(needed.domain());
                if (reached == null || Long.compareUnsigned(reached.sequence(), needed.sequence()) < 0) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String describe() {
            return "the GTID state " + (state.isEmpty() ? "''" : state);
        }
    }
}
