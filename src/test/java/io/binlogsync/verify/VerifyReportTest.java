package io.binlogsync.verify;

import io.binlogsync.event.TableId;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerifyReportTest {
    private static final TableId ITEMS = TableId.parse("shop.items");

    private static MappingReport report(long missing, long extra, long different, long settled, long repaired,
                                        long unrepaired, List<Drift> samples, Optional<String> error) {
        return new MappingReport("mappings[0]", ITEMS, "items", 100, missing, extra, different, settled, repaired,
                unrepaired, samples, error);
    }

    @Test
    void equalWhenNothingDrifts() {
        VerifyReport report = new VerifyReport(List.of(report(0, 0, 0, 3, 0, 0, List.of(), Optional.empty())), false);
        assertFalse(report.hasDrift());
        String summary = report.summary();
        assertTrue(summary.startsWith("mappings[0] shop.items -> items: 100 rows checked, 0 missing, 0 extra,"
                + " 0 different\n"), summary);
        assertTrue(summary.contains("3 id(s) differed at first and matched after waiting"), summary);
        assertTrue(summary.endsWith("EQUAL: every index equals its table\n"), summary);
    }

    @Test
    void driftNamesTheFirstIdsAndHowManyMore() {
        List<Drift> samples = List.of(new Drift("7", Drift.Kind.MISSING, List.of()),
                new Drift("9", Drift.Kind.DIFFERENT, List.of("price", "title")));
        VerifyReport report = new VerifyReport(List.of(report(2, 1, 1, 0, 0, 0, samples, Optional.empty())), false);
        assertTrue(report.hasDrift());
        String summary = report.summary();
        assertTrue(summary.contains("  7: missing\n  9: differs in price, title\n  ... and 2 more (raise --show)\n"),
                summary);
        assertTrue(summary.endsWith("DRIFT: the index does not equal the table\n"), summary);
    }

    @Test
    void aRepairedIndexIsEqualAndAnUnrepairedOneIsNot() {
        assertFalse(new VerifyReport(List.of(report(1, 1, 1, 0, 3, 0, List.of(), Optional.empty())), true).hasDrift());
        VerifyReport partly = new VerifyReport(List.of(report(1, 1, 1, 0, 2, 1, List.of(), Optional.empty())), true);
        assertTrue(partly.hasDrift());
        assertTrue(partly.summary().contains("2 repaired, 1 not repaired"), partly.summary());
    }

    @Test
    void aCheckThatStoppedIsNotEqual() {
        VerifyReport report = new VerifyReport(List.of(report(0, 0, 0, 0, 0, 0, List.of(),
                Optional.of("SQLException: gone"))), false);
        assertTrue(report.hasDrift());
        assertTrue(report.summary().contains("check stopped: SQLException: gone"), report.summary());
    }
}
