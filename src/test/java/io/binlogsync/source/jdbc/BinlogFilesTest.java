package io.binlogsync.source.jdbc;

import io.binlogsync.event.BinlogPosition;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BinlogFilesTest {
    private final BinlogFiles files = new BinlogFiles(List.of(new BinlogFiles.BinlogFile("bin.000003", 1000),
            new BinlogFiles.BinlogFile("bin.000004", 500), new BinlogFiles.BinlogFile("bin.000005", 300)));

    @Test
    void bytesInOneFile() {
        assertEquals(Optional.of(200L), files.bytesBetween(new BinlogPosition("bin.000005", 100),
                new BinlogPosition("bin.000005", 300)));
    }

    @Test
    void bytesAcrossFilesCountTheRestOfTheFirstTheWholeOfThoseBetweenAndTheStartOfTheLast() {
        assertEquals(Optional.of(100L + 500 + 250), files.bytesBetween(new BinlogPosition("bin.000003", 900),
                new BinlogPosition("bin.000005", 250)));
    }

    @Test
    void unknownWhenAFileIsGoneOrTheOrderIsReversed() {
        assertEquals(Optional.empty(), files.bytesBetween(new BinlogPosition("bin.000002", 4),
                new BinlogPosition("bin.000005", 4)));
        assertEquals(Optional.empty(), files.bytesBetween(new BinlogPosition("bin.000005", 200),
                new BinlogPosition("bin.000005", 100)));
    }

    @Test
    void namesTheRange() {
        assertEquals("bin.000003 .. bin.000005", files.range());
        assertEquals("none", new BinlogFiles(List.of()).range());
    }
}
