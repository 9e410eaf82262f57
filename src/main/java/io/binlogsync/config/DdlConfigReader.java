package io.binlogsync.config;

import io.binlogsync.config.DdlConfig.DropPolicy;
import io.binlogsync.config.DdlConfig.TruncatePolicy;

import java.util.Optional;

/** Reads {@code ddl { ... }}. */
final class DdlConfigReader {

    private DdlConfigReader() {
    }

    static Optional<DdlConfig> read(Section ddl) {
        Optional<TruncatePolicy> onTruncate = policy(ddl, "on-truncate", "TRUNCATE", TruncatePolicy.class);
        Optional<DropPolicy> onDrop = policy(ddl, "on-drop", "DROP TABLE", DropPolicy.class);
        ddl.rejectUnknownKeys();
        return onTruncate.flatMap(truncate -> onDrop.map(drop -> new DdlConfig(truncate, drop)));
    }

    private static <E extends Enum<E>> Optional<E> policy(Section ddl, String key, String statement,
                                                          Class<E> type) {
        return ddl.choice(key, text -> EnumSpelling.parse(type, text), "a policy for " + statement,
                "one of " + EnumSpelling.all(type));
    }
}
