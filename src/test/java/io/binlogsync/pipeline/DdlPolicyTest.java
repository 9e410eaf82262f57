package io.binlogsync.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.binlogsync.config.DdlConfig;
import io.binlogsync.config.DdlConfig.DropPolicy;
import io.binlogsync.config.DdlConfig.TruncatePolicy;
import io.binlogsync.config.FieldsConfig;
import io.binlogsync.config.MappingConfigBuilder;
import io.binlogsync.event.BinlogPosition;
import io.binlogsync.event.DdlKind;
import io.binlogsync.event.SchemaChanged;
import io.binlogsync.event.TableColumns;
import io.binlogsync.event.TableId;
import io.binlogsync.mapping.ChangeMapper;
import io.binlogsync.mapping.ClearIndex;
import io.binlogsync.mapping.MappingCompiler;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

class DdlPolicyTest {
    private static final TableId PRODUCTS = TableId.parse("shop.products");
    private static final TableId ORDERS = TableId.parse("shop.orders");
    private static final BinlogPosition AT = new BinlogPosition("mysql-bin.000002", 900);

    private static ChangeMapper mapper(String productsIndex, String ordersIndex) {
        FieldsConfig all = new FieldsConfig(List.of(), List.of(), Map.of(), Map.of());
        return new ChangeMapper(MappingCompiler.compile(List.of(
                MappingConfigBuilder.mapping("mappings[0]", PRODUCTS, productsIndex).fields(all).build(),
                MappingConfigBuilder.mapping("mappings[1]", ORDERS, ordersIndex).fields(all).build()),
                table -> Optional.of(new TableColumns(List.of("id"), List.of("id")))));
    }

    private static SchemaChanged ddl(DdlKind kind, String sql, TableId... tables) {
        return new SchemaChanged("shop", sql, AT, 77L, kind, List.of(tables));
    }

    private static DdlPolicy policy(ChangeMapper mapper, TruncatePolicy onTruncate, DropPolicy onDrop) {
        return new DdlPolicy(mapper, new DdlConfig(onTruncate, onDrop), Set.of(PRODUCTS, ORDERS));
    }

    @Test
    void aTruncateClearsTheTablesIndexAtItsVersion() {
        DdlPolicy policy = policy(mapper("products", "orders"), TruncatePolicy.DELETE_DOCUMENTS, DropPolicy.STOP_MAPPING);

        assertEquals(List.of(new ClearIndex("products", PRODUCTS, AT, 77L)),
                policy.apply(ddl(DdlKind.TRUNCATE, "TRUNCATE products", PRODUCTS)));
    }

    @Test
    void aTruncateOfASharedIndexOrUnderStopStopsAndIgnoreClearsNothing() {
        DdlPolicy shared = policy(mapper("all", "all"), TruncatePolicy.DELETE_DOCUMENTS, DropPolicy.STOP_MAPPING);
        PipelineFailure refused = assertThrows(PipelineFailure.class,
                () -> shared.apply(ddl(DdlKind.TRUNCATE, "TRUNCATE products", PRODUCTS)));
        assertTrue(refused.getMessage().contains("also written by [shop.orders]"), refused.getMessage());

        DdlPolicy stop = policy(mapper("products", "orders"), TruncatePolicy.STOP, DropPolicy.STOP_MAPPING);
        assertThrows(PipelineFailure.class, () -> stop.apply(ddl(DdlKind.TRUNCATE, "TRUNCATE products", PRODUCTS)));

        DdlPolicy ignore = policy(mapper("products", "orders"), TruncatePolicy.IGNORE, DropPolicy.STOP_MAPPING);
        assertEquals(List.of(), ignore.apply(ddl(DdlKind.TRUNCATE, "TRUNCATE products", PRODUCTS)));
    }

    @Test
    void aDropStopsTheMappingsUntilTheTableIsCreatedAgain() {
        ChangeMapper mapper = mapper("products", "orders");
        DdlPolicy policy = policy(mapper, TruncatePolicy.DELETE_DOCUMENTS, DropPolicy.STOP_MAPPING);

        policy.apply(ddl(DdlKind.DROP, "DROP TABLE products", PRODUCTS));
        assertTrue(mapper.isDisabled(PRODUCTS));
        policy.apply(ddl(DdlKind.CREATE, "CREATE TABLE products (id INT PRIMARY KEY)", PRODUCTS));
        assertFalse(mapper.isDisabled(PRODUCTS));

        DdlPolicy stop = policy(mapper, TruncatePolicy.DELETE_DOCUMENTS, DropPolicy.STOP);
        assertThrows(PipelineFailure.class, () -> stop.apply(ddl(DdlKind.DROP, "DROP TABLE orders", ORDERS)));
        assertFalse(mapper.isDisabled(ORDERS));
    }

    @Test
    void partitionRemovalStopsAndTheLastDdlOfATableIsRemembered() {
        DdlPolicy policy = policy(mapper("products", "orders"), TruncatePolicy.DELETE_DOCUMENTS, DropPolicy.STOP_MAPPING);
        SchemaChanged alter = ddl(DdlKind.ALTER, "ALTER TABLE products ADD COLUMN x INT", PRODUCTS);

        assertEquals(List.of(), policy.apply(alter));
        assertEquals(Optional.of(alter), policy.lastOn(PRODUCTS));
        assertEquals(Optional.empty(), policy.lastOn(ORDERS));
        assertThrows(PipelineFailure.class, () -> policy.apply(
                ddl(DdlKind.PARTITION_REMOVAL, "ALTER TABLE orders DROP PARTITION p0", ORDERS)));
    }
}
