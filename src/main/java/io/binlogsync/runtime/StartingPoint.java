package io.binlogsync.runtime;

import io.binlogsync.checkpoint.Checkpoint;
import io.binlogsync.checkpoint.StateFile;
import io.binlogsync.checkpoint.StreamOrigin;
import io.binlogsync.config.DocumentVersions;
import io.binlogsync.config.StartPosition;
import io.binlogsync.event.BinlogPosition;
import io.binlogsync.version.FailoverAdvice;
import io.binlogsync.version.VersionRequirements;
import io.binlogsync.event.GtidPosition;
import io.binlogsync.event.MariadbGtids;
import io.binlogsync.source.jdbc.SourceDatabase;
import io.binlogsync.source.binlog.StreamStart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a run starts reading: the state file's position, or, on a first start, the configured one (saved at once).
 * Resumes by GTID whenever the state holds one the server can serve, so a promoted replica can take over; refuses
 * to start where going on would lose changes or let an older version win, saying why and what to do.
 */
final class StartingPoint {
    private static final Logger log = LoggerFactory.getLogger(StartingPoint.class);

    private final SourceDatabase database;
    private final StateFile stateFile;
    private final StartPosition firstStart;
    private final DocumentVersions versions;
    private final VersionRequirements requirements;
    private final Clock clock;

    StartingPoint(SourceDatabase database, StateFile stateFile, StartPosition firstStart, DocumentVersions versions,
                  Clock clock) {
        this.database = database;
        this.stateFile = stateFile;
        this.firstStart = firstStart;
        this.versions = versions;
        this.requirements = new VersionRequirements(versions);
        this.clock = clock;
    }

    /** Fails when the configured document versions cannot be had from this server. */
    void requireVersionsPossible() throws SQLException {
        if (requirements.dependOnServer()) {
            requirements.requireServer(database.isMariaDb(), database.serverVersion(),
                    database.globalVariables(List.of("gtid_binlog_pos")).getOrDefault("gtid_binlog_pos", ""));
        }
    }

    /** Call {@link #requireVersionsPossible()} first. */
    StreamStart resolve(List<String> files) throws SQLException {
        long serverId = database.serverId();
        boolean mariadb = database.isMariaDb();
        Optional<Checkpoint> saved = stateFile.load();
        return saved.isPresent() ? resume(saved.get(), files, serverId, mariadb) : firstStart(files, serverId);
    }

    private StreamStart resume(Checkpoint saved, List<String> files, long serverId, boolean mariadb)
            throws SQLException {
        BinlogPosition position = saved.position();
        requirements.requireWrittenWithSame(saved.origin().map(StreamOrigin::versions), stateFile.path());
        long positionServer = saved.origin().map(StreamOrigin::serverId).orElse(serverId);
        boolean sameServer = positionServer == serverId;
        Optional<String> gtid = saved.gtid();
        if (gtid.isEmpty() && mariadb && sameServer && files.contains(position.file())) {
            // a state file written before GTIDs were kept: the server can tell the GTID state of the position
            gtid = database.gtidAt(position);
        }
        boolean byGtid = gtid.isPresent() && MariadbGtids.isPosition(gtid.get()) == mariadb
                && database.servesByGtid();
        if (!sameServer) {
            if (!(byGtid && requirements.growAcrossServers())) {
                throw new IllegalStateException("the saved position " + position + " (state file " + stateFile.path()
                        + ") is in the binlog of server-id " + positionServer + ", but the source is server-id "
                        + serverId + " (a failover?). " + FailoverAdvice.text(versions));
            }
            // the reader says so when it connects: one line per failover
        } else if (!files.contains(position.file())) {
            throw new IllegalStateException("the saved position " + position + " (state file " + stateFile.path()
                    + ") is in binlog file " + position.file() + ", which the server no longer has (it has "
                    + (files.isEmpty() ? "none" : files.get(0) + " .. " + files.get(files.size() - 1))
                    + "). Changes since then are lost to the binlog: restore the indices with a resync from the"
                    + " current position (move the state file away and start again), then verify");
        }
        log.info("resuming from the state file {} at {}{}", stateFile.path(), position,
                gtid.map(g -> " (GTID " + g + ")").orElse(""));
        return new StreamStart(position, gtid, byGtid, positionServer);
    }

    private StreamStart firstStart(List<String> files, long serverId) throws SQLException {
        GtidPosition start = firstStart == StartPosition.EARLIEST
                ? new GtidPosition(new BinlogPosition(files.get(0), 4), earliestGtid(files.get(0)))
                : database.currentGtidPosition();
        Checkpoint initial = new Checkpoint(start.position(), start.gtid(),
                Optional.of(new StreamOrigin(serverId, versions)), clock.instant());
        // saved at once, so that a crash before the first transaction does not move a later start elsewhere
        stateFile.save(initial);
        log.info("no state file at {}: starting at the {} position {}{}", stateFile.path(),
                firstStart.name().toLowerCase(Locale.ROOT), start.position(),
                start.gtid().map(g -> " (GTID " + g + ")").orElse(""));
        return new StreamStart(start.position(), start.gtid(), false, serverId);
    }

    private Optional<String> earliestGtid(String firstFile) throws SQLException {
        if (database.isMariaDb()) {
            return database.gtidAt(new BinlogPosition(firstFile, 4));
        }
        // MySQL: what the oldest binlog file does not hold any more
        if (!database.servesByGtid()) {
            return Optional.empty();
        }
        String purged = database.globalVariables(List.of("gtid_purged")).getOrDefault("gtid_purged", "");
        return purged.isBlank() ? Optional.empty() : Optional.of(purged.replaceAll("\\s+", ""));
    }
}
