package io.binlogsync.event;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MariadbGtidsTest {

    @Test
    void aPositionIsTheLastGtidOfEachDomainInDomainOrder() {
        var byDomain = MariadbGtids.parse("1-2-30, 0-1-1500");
        assertEquals(List.of(0L, 1L), List.copyOf(byDomain.keySet()));
        assertEquals(new MariadbGtids.Gtid(0, 1, 1500), byDomain.get(0L));
        assertEquals("0-1-1500,1-2-30", MariadbGtids.format(byDomain));
    }

    @Test
    void anEmptyPositionHasNoDomains() {
        assertTrue(MariadbGtids.parse("").isEmpty());
        assertTrue(MariadbGtids.isPosition(""));
    }

    @Test
    void mysqlGtidSetsAreNotMariadbPositions() {
        String mysql = "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-77";
        assertFalse(MariadbGtids.isPosition(mysql));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> MariadbGtids.parse(mysql));
        assertTrue(error.getMessage().contains("not a MariaDB GTID position"), error.getMessage());
    }

    @Test
    void sequenceNumbersBeyondSignedLongsSurvive() {
        assertEquals("0-1-18446744073709551615",
                MariadbGtids.format(MariadbGtids.parse("0-1-18446744073709551615")));
    }
}
