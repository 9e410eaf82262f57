package io.binlogsync.pipeline;

import io.binlogsync.config.ConfigLoader;
import io.binlogsync.config.DdlConfig;
import io.binlogsync.config.DdlConfig.DropPolicy;
import io.binlogsync.config.DdlConfig.TruncatePolicy;
import io.binlogsync.config.MappingConfig;
import io.binlogsync.event.BinlogPosition;
import io.binlogsync.event.DdlKind;
import io.binlogsync.event.SchemaChanged;
import io.binlogsync.event.TableColumns;
import io.binlogsync.event.TableId;
import io.binlogsync.mapping.ChangeMapper;
import io.binlogsync.mapping.MappingCompiler;
import io.binlogsync.mapping.ShardExpansion;
import io.binlogsync.mapping.ShardFollower;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DDL on the tables of a pattern mapping: shards come and go without stopping the daemon. */
class ShardDdlTest {
    private static final TableId ORDERS_1 = new TableId("shop", "orders_1");
    private static final TableId PRODUCTS = new TableId("shop", "products");
    private static final BinlogPosition AT = new BinlogPosition("mysql-bin.000002", 900);

    private final List<MappingConfig> configs = ConfigLoader.parse("""
            source { user = "sync", password = "pw", server-id = 4201 }
            state.file = "/tmp/binlog-sync-state.json"
            mappings = [ { table = "shop.orders_*", index = "orders-{table}" },
                         { table = "shop.products", index = "products" } ]
            """, "test.conf").mappings();
    private final ChangeMapper mapper = new ChangeMapper(MappingCompiler.compile(
            ShardExpansion.expand(configs, pattern -> List.of(ORDERS_1)).mappings(),
            table -> Optional.of(new TableColumns(List.of("id"), List.of("id")))),
            new ShardFollower(configs, config -> { }));
    /** on-drop = stop: it applies to tables named one by one, not to shards. */
    private final DdlPolicy policy = new DdlPolicy(mapper, new DdlConfig(TruncatePolicy.DELETE_DOCUMENTS,
            DropPolicy.STOP), Set.of(ORDERS_1, PRODUCTS));

    private static SchemaChanged ddl(DdlKind kind, String sql, TableId... tables) {
        return new SchemaChanged("shop", sql, AT, 77L, kind, List.of(tables));
    }

    @Test
    void aDroppedShardStopsAloneEvenUnderOnDropStopAndComesBackWhenCreatedAgain() {
        policy.apply(ddl(DdlKind.DROP, "DROP TABLE orders_1", ORDERS_1));
        assertTrue(mapper.isDisabled(ORDERS_1));
        assertFalse(mapper.isDisabled(PRODUCTS));
        policy.apply(ddl(DdlKind.CREATE, "CREATE TABLE orders_1 (id INT PRIMARY KEY)", ORDERS_1));
        assertFalse(mapper.isDisabled(ORDERS_1));
    }

    @Test
    void aPlainTableStillFollowsOnDrop() {
        org.junit.jupiter.api.Assertions.assertThrows(PipelineFailure.class,
                () -> policy.apply(ddl(DdlKind.DROP, "DROP TABLE products", PRODUCTS)));
    }

    @Test
    void renamesInAndOutOfThePatternGoOn() {
        policy.apply(ddl(DdlKind.RENAME, "RENAME TABLE orders_1 TO old_1, staging TO orders_2", ORDERS_1,
                new TableId("shop", "old_1"), new TableId("shop", "staging"), new TableId("shop", "orders_2")));
        assertTrue(mapper.shards().isShard(new TableId("shop", "orders_2")));
    }
}
