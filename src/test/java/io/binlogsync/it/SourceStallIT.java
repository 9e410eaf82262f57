package io.binlogsync.it;

import io.binlogsync.runtime.Daemon;
import io.binlogsync.testing.TcpProxy;
import io.binlogsync.testing.servers.TestServers;
import io.binlogsync.testing.servers.TestServersExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.SQLException;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The binlog link stalls in the middle of a large event (the server's bytes stop arriving, the connection stays
 * open): the read times out inside the event, and the daemon reconnects from the last transaction it finished
 * instead of taking the timeout for an undecodable event and stopping.
 */
@ExtendWith(TestServersExtension.class)
class SourceStallIT {
    private static final String MAPPINGS = "[ { table = \"{db}.pages\", index = \"{index}pages\" } ]";
    private static final int LARGE = 1_000_000;

    private SyncFixture fixture;

    @BeforeEach
    void setUp(TestServers servers) throws SQLException {
        fixture = new SyncFixture(servers, "stall_" + Long.toString(System.nanoTime(), 36));
        fixture.sql("CREATE DATABASE " + fixture.database(),
                "CREATE TABLE " + fixture.database() + ".pages (id INT PRIMARY KEY, body LONGTEXT)");
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void aLinkThatStallsInsideAnEventIsReconnectedAndNothingIsLost() throws Exception {
        String pages = fixture.database() + ".pages";
        String index = fixture.index("pages");
        try (TcpProxy proxy = new TcpProxy(fixture.source.port())) {
            String hocon = fixture.hocon(MAPPINGS).replace("port = " + fixture.source.port() + ",",
                    "port = " + proxy.port() + ",");
            assertTrue(hocon.contains("port = " + proxy.port()), hocon);
            Daemon daemon = fixture.start(io.binlogsync.config.ConfigLoader.parse(hocon, "stall.conf",
                    java.util.Map.of()));
            fixture.sql("INSERT INTO " + pages + " VALUES (1, 'small')");
            fixture.awaitCaughtUp(daemon, SyncFixture.DEADLINE);

            // the next 64 KiB from the server pass, then nothing: the 1 MB row event is cut in its middle
            proxy.holdAfter(64 * 1024);
            fixture.sql("INSERT INTO " + pages + " VALUES (2, REPEAT('x', " + LARGE + "))",
                    "INSERT INTO " + pages + " VALUES (3, 'after')");

            // the read times out after 10 s (4 heartbeats of 1 s, at least 10 s); the reconnection passes freely
            fixture.awaitCaughtUp(daemon, Duration.ofSeconds(90));
            fixture.awaitDocument(index, "3", "body", "after");
            assertEquals(LARGE, fixture.document(index, "2").orElseThrow().path("body").asText().length());
            assertTrue(daemon.failure().isEmpty(), () -> "the daemon failed: " + daemon.failure().get());
        }
    }
}
