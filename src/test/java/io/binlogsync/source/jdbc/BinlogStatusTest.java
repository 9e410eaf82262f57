package io.binlogsync.source.jdbc;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BinlogStatusTest {

    @Test
    void mysqlBefore82AsksForTheMasterStatus() {
        assertEquals("SHOW MASTER STATUS", BinlogStatus.statement("5.7.44-log"));
        assertEquals("SHOW MASTER STATUS", BinlogStatus.statement("8.0.40"));
        assertEquals("SHOW MASTER STATUS", BinlogStatus.statement("8.1.0"));
    }

    @Test
    void mysql82AndLaterAskForTheBinaryLogStatus() {
        assertEquals("SHOW BINARY LOG STATUS", BinlogStatus.statement("8.2.0"));
        assertEquals("SHOW BINARY LOG STATUS", BinlogStatus.statement("8.4.3"));
        assertEquals("SHOW BINARY LOG STATUS", BinlogStatus.statement("9.1.0-commercial"));
        assertEquals("SHOW BINARY LOG STATUS", BinlogStatus.statement("8.4.2-2"), "Percona Server 8.4");
    }

    @Test
    void mariadbKeepsTheOldNameWhateverItsVersionNumber() {
        assertEquals("SHOW MASTER STATUS", BinlogStatus.statement("11.4.2-MariaDB-log"));
        assertEquals("SHOW MASTER STATUS", BinlogStatus.statement("5.5.5-10.11.6-MariaDB-0+deb12u1"));
    }

    @Test
    void anUnreadableVersionGetsTheOldName() {
        assertEquals("SHOW MASTER STATUS", BinlogStatus.statement("unknown"));
    }

    @Test
    void aGtidSetLosesTheLineBreaksTheServerPrintsAndEmptyMeansNone() {
        assertEquals(Optional.of("3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5,4e11fa47-71ca-11e1-9e33-c80aa9429562:1"),
                BinlogStatus.gtidSet("3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5,\n4e11fa47-71ca-11e1-9e33-c80aa9429562:1"));
        assertEquals(Optional.empty(), BinlogStatus.gtidSet(""));
        assertEquals(Optional.empty(), BinlogStatus.gtidSet(null));
    }
}
