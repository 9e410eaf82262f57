package io.binlogsync.pipeline;

import io.binlogsync.event.SchemaChanged;
import io.binlogsync.event.TableId;
import io.binlogsync.mapping.ChangeMapper;
import io.binlogsync.mapping.ShardFollower;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * What DDL does to the tables of pattern mappings, which come and go as a matter of course: a CREATE that matches is
 * followed from its first rows on; a DROP stops the shard (its documents stay, whatever {@code ddl.on-drop} says,
 * which is for tables named one by one); a RENAME into a pattern is followed from its next rows, out of one leaves
 * the documents as they are. Used from the pipeline's mapper thread only.
 */
final class ShardDdl {
    private static final Logger log = LoggerFactory.getLogger(ShardDdl.class);

    private final ChangeMapper mapper;
    private final ShardFollower shards;

    ShardDdl(ChangeMapper mapper) {
        this.mapper = mapper;
        this.shards = mapper.shards();
    }

    /** Acts on the shards {@code ddl} names; returns the other tables, for the policy of tables named one by one. */
    List<TableId> apply(SchemaChanged ddl) {
        List<TableId> others = new ArrayList<>();
        List<TableId> tables = ddl.tables();
        for (int i = 0; i < tables.size(); i++) {
            TableId table = tables.get(i);
            if (!shards.isShard(table)) {
                others.add(table);
                continue;
            }
            switch (ddl.kind()) {
                case CREATE -> {
                    mapper.enable(table);
                    log.info("CREATE TABLE {} at binlog {}: {} matches it; its rows are followed from here on",
                            table, ddl.position(), shards.describe(table));
                }
                case DROP -> {
                    mapper.disable(table);
                    log.warn("DROP TABLE {} at binlog {}: a shard of {} is gone; its documents stay in the index,"
                            + " the other shards go on (delete them by query if they must go)", table,
                            ddl.position(), shards.describe(table));
                }
                case RENAME -> log.warn("RENAME at binlog {}: {} {} the pattern of {}: {}", ddl.position(), table,
                        i % 2 == 0 ? "leaves" : "enters", shards.describe(table), i % 2 == 0
                                ? "its documents stay as they are and its rows under the new name are not followed"
                                + " unless a pattern matches that name"
                                : "its rows are followed from its next change; to index the rows it has already,"
                                + " run binlog-sync resync for it");
                default -> others.add(table);
            }
        }
        return others;
    }
}
