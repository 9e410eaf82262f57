package io.binlogsync.version;

import io.binlogsync.config.DocumentVersions;
import io.binlogsync.event.MariadbGtids;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What the configured document versions need before a run may write with them: GTID versions a MariaDB source
 * whose binlog has one replication domain, and every run the versions the documents were written with so far
 * (versions of the two kinds do not compare). Takes what the caller read from the server and the state file.
 */
public final class VersionRequirements {
    private final DocumentVersions versions;

    public VersionRequirements(DocumentVersions versions) {
        this.versions = versions;
    }

    /** Whether the configured versions depend on the server, so that {@link #requireServer} has a say. */
    public boolean dependOnServer() {
        return versions == DocumentVersions.GTID;
    }

    /**
     * Whether versions keep growing when another server takes over (a promoted replica): GTID versions do, since it
     * continues the sequence numbers of the replication domain; binlog positions of two servers do not compare.
     */
    public boolean growAcrossServers() {
        return versions == DocumentVersions.GTID;
    }

    /**
     * Fails when the configured versions cannot be had from this server: GTID versions need MariaDB (its GTID
     * sequence numbers order changes across servers) and one replication domain in the binlog so far.
     *
     * @param serverVersion the server's version text, which the refusal quotes
     * @param binlogGtids   MariaDB's {@code gtid_binlog_pos} (empty on MySQL, and before the first transaction)
     */
    public void requireServer(boolean mariadb, String serverVersion, String binlogGtids) {
        if (!dependOnServer()) {
            return;
        }
        if (!mariadb) {
            throw new IllegalStateException("elasticsearch.versions = gtid needs MariaDB (its GTID sequence numbers"
                    + " order changes across servers); this source is MySQL " + serverVersion
                    + ". Set elasticsearch.versions = binlog-position");
        }
        Map<Long, MariadbGtids.Gtid> byDomain = MariadbGtids.parse(binlogGtids);
        // a binlog without transactions has no domain yet: the first transaction's is the one
        if (!byDomain.isEmpty()) {
            onlyDomain(byDomain, "server's binlog has several (gtid_binlog_pos = " + binlogGtids + "): their"
                    + " sequence numbers", "");
        }
    }

    /**
     * Fails when the documents were written with other versions than the configured ones: the two do not compare,
     * so older changes could win.
     *
     * @param written   the versions the state file records; empty in a state file older than GTID versions, whose
     *                  documents have binlog-position ones
     * @param stateFile the state file, which the refusal names
     */
    public void requireWrittenWithSame(Optional<DocumentVersions> written, Path stateFile) {
        DocumentVersions writtenWith = written.orElse(DocumentVersions.BINLOG_POSITION);
        if (writtenWith != versions) {
            throw new IllegalStateException("the documents were written with " + writtenWith.configValue()
                    + " versions (state file " + stateFile + "), but elasticsearch.versions is "
                    + versions.configValue() + ": the two do not compare, so older changes could win. Set it back,"
                    + " or resync the indices with a new state file");
        }
    }

    /**
     * The GTID of the one replication domain GTID versions take their sequence numbers from: those of several
     * domains do not order changes, so anything but one domain is refused.
     *
     * @param found what holds the domains, as the refusal words it after "but the" and before "do not order
     *              changes"
     * @param fix   what the refusal adds after "Set elasticsearch.versions = binlog-position"
     */
    static MariadbGtids.Gtid onlyDomain(Map<Long, MariadbGtids.Gtid> byDomain, String found, String fix) {
        if (byDomain.size() != 1) {
            throw new IllegalStateException("elasticsearch.versions = gtid needs one replication domain, but the "
                    + found + " do not order changes. Set elasticsearch.versions = binlog-position" + fix);
        }
        return byDomain.values().iterator().next();
    }
}
