package io.binlogsync.it;

import io.binlogsync.testing.servers.TestServers;
import io.binlogsync.testing.servers.TestServersExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code check} against the shared MariaDB names each privilege the replication account lacks, one line each with
 * the GRANT that gives it, and passes once those GRANTs ran (and nothing more).
 */
@ExtendWith(TestServersExtension.class)
class SourceGrantsIT {
    private static final String MAPPINGS = "[ { table = \"{db}.products\", index = \"{index}products\","
            + " join = [ { table = \"{db}.brands\", on { brand_id = id }, as = brand, fields = [name] } ] },"
            + " { table = \"{db}.categories\", index = \"{index}categories\" } ]";

    private SyncFixture fixture;
    private String account;

    @BeforeEach
    void setUp(TestServers servers) throws SQLException {
        fixture = new SyncFixture(servers, "grants_" + Long.toString(System.nanoTime(), 36));
        String db = fixture.database();
        String user = "bare_" + Long.toString(System.nanoTime(), 36);
        account = "'" + user + "'@'%'";
        fixture.sql("CREATE DATABASE " + db, "CREATE TABLE " + db + ".products (id INT PRIMARY KEY, title TEXT, brand_id INT, KEY (brand_id))",
                "CREATE TABLE " + db + ".brands (id INT PRIMARY KEY, name TEXT)",
                "CREATE TABLE " + db + ".categories (id INT PRIMARY KEY, name TEXT)",
                "CREATE USER " + account + " IDENTIFIED BY 'bare-pass'",
                "GRANT SELECT ON `" + db + "`.`products` TO " + account);
    }

    @AfterEach
    void tearDown() throws SQLException {
        fixture.close();
        fixture.sql("DROP USER IF EXISTS " + account);
    }

    private String check(int expectedExit) throws Exception {
        String user = account.substring(1, account.indexOf("'@"));
        String hocon = fixture.hocon(MAPPINGS).replace("user = \"" + fixture.user + "\"", "user = \"" + user + "\"")
                .replace("password = \"" + fixture.password + "\"", "password = \"bare-pass\"");
        Path config = Files.writeString(fixture.directory.resolve("check-" + System.nanoTime() + ".conf"), hocon);
        Path log = fixture.directory.resolve(config.getFileName() + ".log");
        int exit = DaemonProcess.run(log, "check", "--config", config.toString());
        String output = Files.readString(log);
        assertEquals(expectedExit, exit, output);
        return output;
    }

    @Test
    void eachMissingGrantIsOneLineWithItsGrantAndTheGrantsMakeCheckPass() throws Exception {
        String output = check(1);
        String to = " TO " + account;
        for (String line : new String[] {
                "FAIL grants: " + account.replace("'", "") + " lacks REPLICATION SLAVE (reading the"
                        + " binlog stream); GRANT REPLICATION SLAVE ON *.*" + to,
                "lacks BINLOG MONITOR (SHOW MASTER STATUS and SHOW BINARY LOGS); GRANT BINLOG MONITOR ON *.*" + to,
                "lacks SELECT on " + fixture.database() + ".categories (the table's columns, snapshots, resync and"
                        + " verify); GRANT SELECT ON `" + fixture.database() + "`.`categories`" + to,
                // a table only joined is read too
                "lacks SELECT on " + fixture.database() + ".brands (the table's columns, snapshots, resync and"
                        + " verify); GRANT SELECT ON `" + fixture.database() + "`.`brands`" + to}) {
            assertTrue(output.contains(line), "check should print `" + line + "`:\n" + output);
        }
        assertFalse(output.contains("lacks SELECT on " + fixture.database() + ".products"), output);

        // exactly the statements check printed, and it passes
        fixture.sql("GRANT REPLICATION SLAVE ON *.*" + to, "GRANT BINLOG MONITOR ON *.*" + to,
                "GRANT SELECT ON `" + fixture.database() + "`.`categories`" + to,
                "GRANT SELECT ON `" + fixture.database() + "`.`brands`" + to);
        String passing = check(0);
        assertTrue(passing.contains("OK   grants: ")
                && passing.contains("SELECT on the 3 mapped table(s), joined tables included"), passing);
    }
}
