package io.binlogsync.bench;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.event.DeleteRowsEventData;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventData;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.UpdateRowsEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import io.binlogsync.event.BinlogPosition;
import io.binlogsync.testing.servers.MariaDbServer;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The library's own speed: a plain BinaryLogClient with its default deserializer reads the binlog from a start to
 * an end position and touches every value of every row (a hash, so nothing is optimised away), nothing else.
 */
final class BareLibraryReader {
    private final MariaDbServer mariadb;
    private final Duration deadline;

    BareLibraryReader(MariaDbServer mariadb, Duration deadline) {
        this.mariadb = mariadb;
        this.deadline = deadline;
    }

    /** Row changes read, and nanoseconds from connecting to the event that ends at {@code end}. */
    record Read(long rows, long nanos, long checksum, long cpuNanos, long serverCpuNanos) {
    }

    Read read(BinlogPosition start, BinlogPosition end, long serverId) throws Exception {
        BinaryLogClient client = new BinaryLogClient("127.0.0.1", mariadb.port(), MariaDbServer.SYNC_USER,
                MariaDbServer.SYNC_PASSWORD);
        client.setServerId(serverId);
        client.setBinlogFilename(start.file());
        client.setBinlogPosition(start.offset());
        client.setKeepAlive(false);
        CountDownLatch reachedEnd = new CountDownLatch(1);
        long[] rowsAndSum = new long[2];
        client.registerEventListener(event -> {
            rowsAndSum[0] += touch(event.getData(), rowsAndSum);
            long next = ((EventHeaderV4) event.getHeader()).getNextPosition();
            if (next > 0 && new BinlogPosition(client.getBinlogFilename(), next).compareTo(end) >= 0) {
                reachedEnd.countDown();
            }
        });
        ThreadCpu cpu = ThreadCpu.start();
        long serverCpu = mariadb.cpuTime().toNanos();
        long began = System.nanoTime();
        client.connect(deadline.toMillis());
        try {
            if (!reachedEnd.await(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the bare BinaryLogClient did not reach " + end + " within " + deadline);
            }
            long nanos = System.nanoTime() - began;
            long cpuNanos = cpu.nanosByGroup().getOrDefault(ThreadCpu.group("blc-"), 0L);
            long serverCpuNanos = mariadb.cpuTime().toNanos() - serverCpu;
            synchronized (rowsAndSum) {
                return new Read(rowsAndSum[0], nanos, rowsAndSum[1], cpuNanos, serverCpuNanos);
            }
        } finally {
            client.disconnect();
        }
    }

    /** Returns the rows in the event; adds a hash of every value to {@code sum[1]}. */
    private static int touch(EventData data, long[] sum) {
        List<? extends Serializable[]> rows;
        if (data instanceof WriteRowsEventData write) {
            rows = write.getRows();
        } else if (data instanceof DeleteRowsEventData delete) {
            rows = delete.getRows();
        } else if (data instanceof UpdateRowsEventData update) {
            for (Map.Entry<Serializable[], Serializable[]> row : update.getRows()) {
                sum[1] += hash(row.getKey()) + hash(row.getValue());
            }
            return update.getRows().size();
        } else {
            return 0;
        }
        for (Serializable[] row : rows) {
            sum[1] += hash(row);
        }
        return rows.size();
    }

    private static long hash(Serializable[] row) {
        long hash = 0;
        for (Serializable value : row) {
            hash = 31 * hash + (value == null ? 0 : value instanceof byte[] bytes ? bytes.length : value.hashCode());
        }
        return hash;
    }
}
