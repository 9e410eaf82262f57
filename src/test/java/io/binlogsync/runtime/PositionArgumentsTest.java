package io.binlogsync.runtime;

import io.binlogsync.event.BinlogPosition;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PositionArgumentsTest {

    @Test
    void readsFileAndOffset() {
        assertEquals(new BinlogPosition("mysql-bin.000042", 1234), PositionArguments.position("mysql-bin.000042:1234"));
        assertEquals(new BinlogPosition("/var/log/mariadb-bin.000001", 4),
                PositionArguments.position(" /var/log/mariadb-bin.000001:4 "));
    }

    @Test
    void refusesAPositionWithoutFileSequenceOrOffset() {
        for (String bad : new String[] {"mysql-bin.000042", "mysql-bin:12", "mysql-bin.000042:", "mysql-bin.000042:-1",
                "mysql-bin.000042:12x", ":12", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> PositionArguments.position(bad), bad);
            assertTrue(e.getMessage().contains("FILE:OFFSET"), e.getMessage());
        }
    }

    @Test
    void tellsMariadbPositionsFromMysqlSets() {
        assertEquals(PositionArguments.GtidKind.MARIADB, PositionArguments.gtidKind("0-1-42"));
        assertEquals(PositionArguments.GtidKind.MARIADB, PositionArguments.gtidKind("0-1-42, 1-2-7"));
        assertEquals(PositionArguments.GtidKind.MYSQL,
                PositionArguments.gtidKind("3e11fa47-71ca-11e1-9e33-c80aa9429562:1-77"));
        assertEquals(PositionArguments.GtidKind.MYSQL, PositionArguments.gtidKind(
                "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5:7:9-12,\n4e11fa47-71ca-11e1-9e33-c80aa9429562:1"));
        assertEquals(PositionArguments.GtidKind.MYSQL,
                PositionArguments.gtidKind("3e11fa47-71ca-11e1-9e33-c80aa9429562:orders:1-3"));
    }

    @Test
    void refusesWhatIsNeither() {
        for (String bad : new String[] {"", "0-1", "0-1-x", "1-2-3-4", "3e11fa47-71ca-11e1-9e33-c80aa9429562",
                "3e11fa47-71ca-11e1-9e33-c80aa9429562:", "3e11fa47:1-5", "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-",
                "0-1-99999999999999999999999"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> PositionArguments.gtidKind(bad), bad);
            assertTrue(e.getMessage().contains("domain-server-sequence"), e.getMessage());
        }
    }
}
