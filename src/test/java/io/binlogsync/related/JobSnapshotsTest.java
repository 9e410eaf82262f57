package io.binlogsync.related;

import io.binlogsync.config.DocumentVersions;
import io.binlogsync.event.BinlogPosition;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which change the side lane's snapshots wait for, for job entries old and new (the reads themselves: JoinsFailoverIT). */
class JobSnapshotsTest {
    private static final BinlogPosition AT = new BinlogPosition("mysql-bin.000009", 5000);
    private static final RebuildJobs.Entry WITH_GTID = new RebuildJobs.Entry("mappings[0]", "category_id",
            List.of("1"), AT.file(), AT.offset(), false, 57L);
    /** As a binlog-sync before GTIDs were kept in job files saved it. */
    private static final RebuildJobs.Entry WITHOUT_GTID = new RebuildJobs.Entry("mappings[0]", "category_id",
            List.of("1"), AT.file(), AT.offset(), false, null);

    private static RebuildJobs.Job job(RebuildJobs.Entry entry) {
        return new RebuildJobs.Job(Path.of("/var/lib/binlog-sync/state.json.rebuilds/1.json"), List.of(entry));
    }

    @Test
    void withGtidVersionsAnEntryWaitsForItsChangesGtid() {
        JobSnapshots snapshots = new JobSnapshots(null, DocumentVersions.GTID, Optional.of("0-1-40"));
        assertEquals(new ChangePoint.GtidSequence(57, AT), snapshots.change(job(WITH_GTID), WITH_GTID));
    }

    @Test
    void withGtidVersionsAnEntrySavedWithoutItsGtidWaitsForWhereTheDaemonResumed() {
        JobSnapshots snapshots = new JobSnapshots(null, DocumentVersions.GTID, Optional.of("0-1-40"));
        assertEquals(new ChangePoint.GtidState("0-1-40"), snapshots.change(job(WITHOUT_GTID), WITHOUT_GTID));
    }

    @Test
    void withBinlogPositionVersionsEveryEntryWaitsForItsPosition() {
        JobSnapshots snapshots = new JobSnapshots(null, DocumentVersions.BINLOG_POSITION, Optional.empty());
        assertEquals(new ChangePoint.Position(AT), snapshots.change(job(WITHOUT_GTID), WITHOUT_GTID));
        assertEquals(new ChangePoint.Position(AT), snapshots.change(job(WITH_GTID), WITH_GTID));
    }
}
