package io.binlogsync.runtime.metrics;

import io.binlogsync.event.BinlogPosition;
import io.binlogsync.source.jdbc.SourceDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Supplier;

/**
 * Bytes of binlog between the saved position and the server's end, from one {@code SHOW BINARY LOGS} (the size of
 * each file; the last one's is the server's current position) on a connection kept open between polls.
 */
final class BytesBehind implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BytesBehind.class);

    private final SourceDatabase database;
    private final Supplier<BinlogPosition> saved;
    private Connection connection;
    private volatile double bytes = Double.NaN;

    BytesBehind(SourceDatabase database, Supplier<BinlogPosition> saved) {
        this.database = database;
        this.saved = saved;
    }

    /** The last polled figure; NaN before the first poll or while the source cannot be asked. */
    double bytes() {
        return bytes;
    }

    synchronized void poll() {
        BinlogPosition at = saved.get();
        if (at == null) {
            return;
        }
        try {
            if (connection == null || connection.isClosed()) {
                connection = database.open();
            }
            long behind = 0;
            boolean reached = false;
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SHOW BINARY LOGS")) {
                while (rows.next()) {
                    String file = rows.getString(1);
                    long size = rows.getLong(2);
                    if (file.equals(at.file())) {
                        reached = true;
                        behind += Math.max(0, size - at.offset());
                    } else if (reached) {
                        behind += size;
                    }
                }
            }
            bytes = reached ? behind : Double.NaN;
        } catch (SQLException e) {
            bytes = Double.NaN;
            log.debug("cannot poll the source's binlog position ({}): {}", database.describe(), e.getMessage());
            close();
        }
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                log.debug("closing the metrics connection failed: {}", e.getMessage());
            }
            connection = null;
        }
    }
}
