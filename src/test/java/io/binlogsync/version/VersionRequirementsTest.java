package io.binlogsync.version;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.binlogsync.config.DocumentVersions;

import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class VersionRequirementsTest {
    private static final VersionRequirements GTID = new VersionRequirements(DocumentVersions.GTID);
    private static final VersionRequirements POSITIONS = new VersionRequirements(DocumentVersions.BINLOG_POSITION);
    private static final Path STATE = Path.of("/var/lib/binlog-sync/state.json");

    @Test
    void binlogPositionVersionsTakeAnyServer() {
        assertFalse(POSITIONS.dependOnServer());
        assertFalse(POSITIONS.growAcrossServers());
        assertDoesNotThrow(() -> POSITIONS.requireServer(false, "8.0.36", ""));
        assertDoesNotThrow(() -> POSITIONS.requireServer(true, "10.11.6-MariaDB", "0-1-5,1-1-7"));
    }

    @Test
    void gtidVersionsNeedMariadb() {
        assertTrue(GTID.dependOnServer());
        assertTrue(GTID.growAcrossServers());
        IllegalStateException mysql = assertThrows(IllegalStateException.class,
                () -> GTID.requireServer(false, "8.0.36", ""));
        assertEquals("elasticsearch.versions = gtid needs MariaDB (its GTID sequence numbers order changes across"
                + " servers); this source is MySQL 8.0.36. Set elasticsearch.versions = binlog-position",
                mysql.getMessage());
    }

    @Test
    void gtidVersionsNeedOneReplicationDomainOrNoneYet() {
        assertDoesNotThrow(() -> GTID.requireServer(true, "10.11.6-MariaDB", ""));
        assertDoesNotThrow(() -> GTID.requireServer(true, "10.11.6-MariaDB", "0-1-41"));
        IllegalStateException several = assertThrows(IllegalStateException.class,
                () -> GTID.requireServer(true, "10.11.6-MariaDB", "0-1-41,1-1-7"));
        assertEquals("elasticsearch.versions = gtid needs one replication domain, but the server's binlog has several"
                + " (gtid_binlog_pos = 0-1-41,1-1-7): their sequence numbers do not order changes. Set"
                + " elasticsearch.versions = binlog-position", several.getMessage());
    }

    @Test
    void theDocumentsMustHaveBeenWrittenWithTheConfiguredVersions() {
        assertDoesNotThrow(() -> GTID.requireWrittenWithSame(Optional.of(DocumentVersions.GTID), STATE));
        assertDoesNotThrow(() -> POSITIONS.requireWrittenWithSame(Optional.of(DocumentVersions.BINLOG_POSITION),
                STATE));
        IllegalStateException switched = assertThrows(IllegalStateException.class,
                () -> POSITIONS.requireWrittenWithSame(Optional.of(DocumentVersions.GTID), STATE));
        assertEquals("the documents were written with gtid versions (state file " + STATE + "), but"
                + " elasticsearch.versions is binlog-position: the two do not compare, so older changes could win."
                + " Set it back, or resync the indices with a new state file", switched.getMessage());
    }

    @Test
    void aStateFileOlderThanGtidVersionsHasBinlogPositionOnes() {
        assertDoesNotThrow(() -> POSITIONS.requireWrittenWithSame(Optional.empty(), STATE));
        IllegalStateException older = assertThrows(IllegalStateException.class,
                () -> GTID.requireWrittenWithSame(Optional.empty(), STATE));
        assertTrue(older.getMessage().startsWith("the documents were written with binlog-position versions"),
                older.getMessage());
    }
}
