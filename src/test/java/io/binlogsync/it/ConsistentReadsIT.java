package io.binlogsync.it;

import io.binlogsync.config.ConfigLoader;
import io.binlogsync.config.SyncConfig;
import io.binlogsync.source.jdbc.ConsistentReads;
import io.binlogsync.source.jdbc.SourceDatabase;
import io.binlogsync.testing.servers.TestServers;
import io.binlogsync.testing.servers.TestServersExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A consistent read whose table is altered after its snapshot began: the server refuses the read ("Table definition
 * has changed, please retry transaction"), and the read is done again in a new snapshot instead of failing the
 * snapshot, resync, verify or rebuild it was for (an ALTER under a writer stopped the daemon once).
 */
@ExtendWith(TestServersExtension.class)
class ConsistentReadsIT {
    private SyncFixture fixture;
    private String db;

    @BeforeEach
    void setUp(TestServers servers) throws SQLException {
        fixture = new SyncFixture(servers, "reads_" + Long.toString(System.nanoTime(), 36));
        db = fixture.database();
        fixture.createDatabase("CREATE TABLE {db}.categories (id INT PRIMARY KEY, name VARCHAR(64))",
                "INSERT INTO {db}.categories VALUES (1, 'Lamps'), (2, 'Desks'), (3, 'Chairs')");
        fixture.grantReload();
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"auto", "global-read-lock"})
    void aTableAlteredAfterTheSnapshotBeganIsReadAgainInANewSnapshot(String locking) throws Exception {
        String mappings = "[ { table = \"{db}.categories\", index = \"{index}c\" } ]";
        SyncConfig config = ConfigLoader.parse(fixture.hocon(mappings) + "snapshot.locking = " + locking + "\n",
                "reads.conf", Map.of());
        AtomicInteger runs = new AtomicInteger();
        try (ConsistentReads reads = new ConsistentReads(new SourceDatabase(config.source()), config.snapshot())) {
            ConsistentReads.Read<String> read = reads.read(connection -> {
                if (runs.incrementAndGet() == 1) {
                    // another session rebuilds the table after this snapshot began, before this session reads it
                    fixture.sql("ALTER TABLE " + db + ".categories ADD COLUMN note VARCHAR(8) NOT NULL DEFAULT 'new',"
                            + " ALGORITHM=COPY");
                }
                try (Statement statement = connection.createStatement();
                     ResultSet rows = statement.executeQuery("SELECT CONCAT(name, ' ', note) FROM " + db
                             + ".categories WHERE id = 2")) {
                    rows.next();
                    return rows.getString(1);
                }
            }, false);
            assertEquals(2, runs.get(), "the reader ran once more, in a new snapshot");
            assertEquals("Desks new", read.value(), "the new snapshot reads the altered table");
        }
    }
}
