package io.binlogsync.bench;

import java.util.EnumMap;
import java.util.Map;

/**
 * When the writer's COMMIT returned for each row change, by kind and id (System.nanoTime, the same clock the
 * acknowledgement recorder uses, in the same JVM). {@link #NONE} records nothing.
 */
class CommitTimes {
    enum Kind { INSERT, UPDATE, DELETE }

    static final CommitTimes NONE = new CommitTimes(0) {
        @Override
        void committed(Kind kind, int firstId, int lastId, int step) {
        }
    };

    private final Map<Kind, long[]> nanosById = new EnumMap<>(Kind.class);

    CommitTimes(int maxId) {
        for (Kind kind : Kind.values()) {
            nanosById.put(kind, new long[maxId + 1]);
        }
    }

    /** The rows firstId, firstId+step, ..., lastId committed now. */
    void committed(Kind kind, int firstId, int lastId, int step) {
        long now = System.nanoTime();
        long[] times = nanosById.get(kind);
        for (int id = firstId; id <= lastId; id += step) {
            times[id] = now;
        }
    }

    /** 0 when the row change did not happen. */
    long of(Kind kind, int id) {
        return nanosById.get(kind)[id];
    }
}
