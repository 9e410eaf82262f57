package io.binlogsync.it;

import io.binlogsync.testing.servers.SourceServer;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A writer that keeps changing {@code db.items(id INT PRIMARY KEY, v INT, title VARCHAR(64))} on its own thread:
 * inserts, updates, deletes and primary-key changes, small transactions, until stopped. Seeded, so a failure
 * can be replayed. Tolerates the server going away (counts the failed statements and goes on).
 */
final class Workload implements AutoCloseable {
    private final SourceServer source;
    private final String table;
    private final Random random;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger changes = new AtomicInteger();
    private final List<Integer> ids = new ArrayList<>();
    private final java.util.Set<Integer> touched = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final List<Integer> touchedInTransaction = new ArrayList<>();
    private final long pauseMillis;
    private final Thread thread;
    private int nextId = 1;
    private redis.clients.jedis.Jedis cache;
    private String cachePrefix;

    Workload(SourceServer source, String database, long seed, long pauseMillis) throws SQLException {
        this.source = source;
        this.table = database + ".items";
        this.random = new Random(seed);
        this.pauseMillis = pauseMillis;
        source.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, v INT, title VARCHAR(64))");
        this.thread = new Thread(this::run, "workload-" + database);
        thread.setDaemon(true);
    }

    /**
     * Before each change, puts a stale cache entry {@code prefix + id} for every row the change touches (old and
     * new ids), as a web tier would have cached it. Each entry is set before its row changes, so once the daemon
     * has caught up, none may be left.
     */
    Workload cachingBeforeEachChange(redis.clients.jedis.Jedis redis, String prefix) {
        this.cache = redis;
        this.cachePrefix = prefix;
        return this;
    }

    Workload start() {
        thread.start();
        return this;
    }

    int changes() {
        return changes.get();
    }

    /** The ids (old and new) of rows changed by committed transactions since the last call. */
    java.util.Set<Integer> takeTouchedIds() {
        java.util.Set<Integer> taken = new java.util.TreeSet<>(touched);
        touched.removeAll(taken);
        return taken;
    }

    private void run() {
        while (running.get()) {
            try (Connection connection = source.adminConnection(); Statement statement = connection.createStatement()) {
                connection.setAutoCommit(false);
                while (running.get()) {
                    int statements = 1 + random.nextInt(5);
                    for (int i = 0; i < statements; i++) {
                        String change = nextChange();
                        if (cache != null) {
                            touchedInTransaction.forEach(id -> cache.set(cachePrefix + id, "stale"));
                        }
                        statement.executeUpdate(change);
                    }
                    connection.commit();
                    touched.addAll(touchedInTransaction);
                    touchedInTransaction.clear();
                    changes.addAndGet(statements);
                    if (pauseMillis > 0) {
                        Thread.sleep(pauseMillis);
                    }
                }
            } catch (SQLException e) {
                touchedInTransaction.clear();
                // the server may be restarting; the transaction was rolled back, try again shortly
                resyncIds();
                pauseQuietly(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private String nextChange() {
        int choice = random.nextInt(100);
        if (ids.size() < 20 || choice < 40) {
            int id = nextId++;
            ids.add(id);
            touchedInTransaction.add(id);
            return "INSERT INTO " + table + " VALUES (" + id + ", " + random.nextInt(1000) + ", 'title " + id + "')";
        }
        int index = random.nextInt(ids.size());
        int id = ids.get(index);
        touchedInTransaction.add(id);
        if (choice < 75) {
            return "UPDATE " + table + " SET v = " + random.nextInt(1000) + ", title = 'updated " + random.nextInt(1000)
                    + "' WHERE id = " + id;
        }
        if (choice < 90) {
            ids.remove(index);
            return "DELETE FROM " + table + " WHERE id = " + id;
        }
        int moved = nextId++;
        ids.set(index, moved);
        touchedInTransaction.add(moved);
        return "UPDATE " + table + " SET id = " + moved + " WHERE id = " + id;
    }

    /** After a failed transaction the ids in memory may be off; read them back. */
    private void resyncIds() {
        try {
            List<Integer> actual = new ArrayList<>();
            source.query("SELECT id FROM " + table).forEach(row -> actual.add(((Number) row.get("id")).intValue()));
            ids.clear();
            ids.addAll(actual);
            int max = actual.stream().mapToInt(Integer::intValue).max().orElse(0);
            nextId = Math.max(nextId, max + 1);
        } catch (SQLException ignored) {
            // still down; the next attempt tries again
        }
    }

    private static void pauseQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.interrupt();
        thread.join(10_000);
    }
}
