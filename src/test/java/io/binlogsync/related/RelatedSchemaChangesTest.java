package io.binlogsync.related;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.binlogsync.config.ConfigLoader;
import io.binlogsync.config.SyncConfig;
import io.binlogsync.config.DocumentVersions;
import io.binlogsync.event.BinlogPosition;
import io.binlogsync.event.DdlKind;
import io.binlogsync.event.SchemaChanged;
import io.binlogsync.event.TableId;
import io.binlogsync.mapping.MappingCompiler;
import io.binlogsync.mapping.TableMapping;
import io.binlogsync.mapping.join.Join;
import io.binlogsync.mapping.join.JoinCompiler;
import io.binlogsync.mapping.join.JoinedMapping;
import io.binlogsync.source.jdbc.ColumnSchema;
import io.binlogsync.source.jdbc.TableRowReader;
import io.binlogsync.source.jdbc.TableSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DDL of a joined mapping's tables: re-read when the joins still fit, a stop naming the misfit when not; an ALTER that
 * may rewrite values a join reads queues a rebuild of every document of the mappings joining the table.
 */
class RelatedSchemaChangesTest {
    private static final TableId PRODUCTS = TableId.parse("shop.products");
    private static final TableId CATEGORIES = TableId.parse("shop.categories");
    private static final TableId VARIANTS = TableId.parse("shop.variants");
    private static final BinlogPosition AT = new BinlogPosition("mysql-bin.000003", 1234);

    private final Map<TableId, TableSchema> now = new HashMap<>(Map.of(
            PRODUCTS, schema(PRODUCTS, "id", "title", "category_id"),
            CATEGORIES, schema(CATEGORIES, "id", "name", "slug"),
            VARIANTS, schema(VARIANTS, "id", "product_id", "sku", "price")));
    private final JoinedReader reader = reader();
    private final List<RebuildJobs.Entry> queued = new ArrayList<>();
    private final RelatedSchemaChanges changes = new RelatedSchemaChanges(RelatedTables.of(List.of(reader)),
            table -> Optional.ofNullable(now.get(table)), queued::addAll, DocumentVersions.BINLOG_POSITION);
    private final Logger logger = (Logger) LoggerFactory.getLogger(RelatedSchemaChanges.class);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @BeforeEach
    void listen() {
        lines.start();
        logger.addAppender(lines);
        logger.setLevel(Level.INFO);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(lines);
        logger.setLevel(null);
    }

    private static TableSchema schema(TableId table, String... columns) {
        return new TableSchema(table, java.util.Arrays.stream(columns).map(name -> new ColumnSchema(name,
                name.equals("id") || name.endsWith("_id") ? "int" : "varchar", false,
                name.equals("id") || name.endsWith("_id") ? null : "utf8mb4", List.of(), false)).toList(),
                List.of("id"));
    }

    private JoinedReader reader() {
        SyncConfig config = ConfigLoader.parse("""
                source { user = "sync", password = "pw", server-id = 4201 }
                state.file = "/tmp/binlog-sync-state.json"
                mappings = [{ table = "shop.products", index = "products", join = [
                  { table = shop.categories, on { category_id = id }, as = category, fields = [name] },
                  { table = shop.variants, many = true, on { id = product_id }, as = variants, fields = [sku],
                    order-by = sku } ] }]
                """, "test.conf", Map.of());
        List<TableMapping> mappings = MappingCompiler.compile(config.mappings(),
                table -> Optional.ofNullable(now.get(table)).map(TableSchema::tableColumns));
        JoinedMapping joined = JoinCompiler.compile(config.mappings(), mappings,
                table -> Optional.ofNullable(now.get(table)).map(TableSchema::tableColumns)).get(0);
        Map<Join, TableRowReader> related = new IdentityHashMap<>();
        for (Join join : joined.joins()) {
            related.put(join, new TableRowReader(now.get(join.table())));
        }
        return new JoinedReader(joined, new TableRowReader(now.get(PRODUCTS)), related);
    }

    private static SchemaChanged ddl(DdlKind kind, String sql, TableId... tables) {
        return new SchemaChanged("shop", sql, AT, 1, kind, List.of(tables));
    }

    private TableRowReader readerOf(TableId table) {
        Join join = reader.joined().joins().stream().filter(j -> j.table().equals(table)).findFirst().orElseThrow();
        return reader.readers().related().get(join);
    }

    @Test
    void anAddedColumnIsReadFromThenOn() {
        now.put(CATEGORIES, schema(CATEGORIES, "note", "id", "name", "slug"));
        changes.apply(ddl(DdlKind.ALTER, "ALTER TABLE categories ADD COLUMN note TEXT FIRST", CATEGORIES));
        assertEquals(List.of("note", "id", "name", "slug"), readerOf(CATEGORIES).columns().names());
        assertEquals(List.of(), queued, "a column no join reads: no rebuild");
    }

    @Test
    void ddlOfOtherTablesAndTruncatesLeaveTheReadersAlone() {
        TableRowReader before = readerOf(CATEGORIES);
        now.put(CATEGORIES, schema(CATEGORIES, "id", "name", "slug", "extra"));
        changes.apply(ddl(DdlKind.ALTER, "ALTER TABLE other ADD x INT", TableId.parse("shop.other")));
        changes.apply(ddl(DdlKind.TRUNCATE, "TRUNCATE categories", CATEGORIES));
        assertSame(before, readerOf(CATEGORIES));
    }

    @Test
    void aDroppedJoinedColumnStopsNamingTheJoinTableColumnPositionAndFix() {
        now.put(CATEGORIES, schema(CATEGORIES, "id", "title", "slug"));
        TableRowReader before = readerOf(CATEGORIES);
        String message = assertThrows(RelatedSchemaChanges.JoinNoLongerFits.class, () -> changes.apply(
                ddl(DdlKind.ALTER, "ALTER TABLE categories CHANGE name title TEXT", CATEGORIES))).getMessage();
        for (String expected : new String[] {"mappings[0].join[0].fields[0]: shop.categories has no column 'name'",
                "binlog mysql-bin.000003:1234", "CHANGE name title", "binlog-sync resync shop.products",
                "position stays before the DDL"}) {
            assertTrue(message.contains(expected), "'" + expected + "' missing in: " + message);
        }
        assertSame(before, readerOf(CATEGORIES), "nothing replaced when a join no longer fits");
        assertEquals(List.of(), queued, "nothing queued when a join no longer fits");
    }

    @Test
    void aDroppedOrderByOrJoinColumnOrTableStops() {
        now.put(VARIANTS, schema(VARIANTS, "id", "product_id", "code", "price"));
        assertTrue(assertThrows(RelatedSchemaChanges.JoinNoLongerFits.class, () -> changes.apply(
                ddl(DdlKind.ALTER, "ALTER TABLE variants DROP sku", VARIANTS))).getMessage()
                .startsWith("mappings[0].join[1].fields[0]: shop.variants has no column 'sku'"));
        now.put(VARIANTS, schema(VARIANTS, "id", "pid", "sku", "price"));
        assertTrue(assertThrows(RelatedSchemaChanges.JoinNoLongerFits.class, () -> changes.apply(
                ddl(DdlKind.ALTER, "ALTER TABLE variants RENAME COLUMN product_id TO pid", VARIANTS))).getMessage()
                .startsWith("mappings[0].join[1].on.id: shop.variants has no column 'product_id'"));
        now.remove(VARIANTS);
        assertTrue(assertThrows(RelatedSchemaChanges.JoinNoLongerFits.class, () -> changes.apply(
                ddl(DdlKind.RENAME, "RENAME TABLE variants TO v2", VARIANTS, TableId.parse("shop.v2"))))
                .getMessage().startsWith("mappings[0].join[1].table: table shop.variants no longer exists"));
    }

    @Test
    void aChangedLeftSideOfOnStops() {
        now.put(PRODUCTS, schema(PRODUCTS, "id", "title", "cat"));
        assertTrue(assertThrows(RelatedSchemaChanges.JoinNoLongerFits.class, () -> changes.apply(
                ddl(DdlKind.ALTER, "ALTER TABLE products RENAME COLUMN category_id TO cat", PRODUCTS))).getMessage()
                .startsWith("mappings[0].join[0].on.category_id: shop.products has no column 'category_id'"));
    }

    private RebuildJobs.Entry everyDocumentAfterAlterOf(TableId table) {
        return new RebuildJobs.Entry("mappings[0]", "ALTER", List.of(table.toString()), AT.file(), AT.offset(), true, null);
    }

    private List<String> logged(Level level) {
        return lines.list.stream().filter(line -> line.getLevel() == level).map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    @Test
    void anAlterThatMayRewriteAJoinedColumnQueuesARebuildOfEveryDocumentWithOneInfoLine() {
        String sql = "ALTER TABLE categories MODIFY name VARCHAR(3)";
        changes.apply(ddl(DdlKind.ALTER, sql, CATEGORIES));
        assertEquals(List.of(everyDocumentAfterAlterOf(CATEGORIES)), queued);
        List<String> rebuilt = logged(Level.INFO).stream().filter(line -> line.contains("side lane")).toList();
        assertEquals(1, rebuilt.size(), lines.list.toString());
        for (String expected : new String[] {"ALTER of shop.categories", "binlog mysql-bin.000003:1234", sql,
                "every document of 1 mapping(s) (mappings[0])"}) {
            assertTrue(rebuilt.get(0).contains(expected), "'" + expected + "' missing in: " + rebuilt.get(0));
        }
        assertEquals(List.of(), logged(Level.WARN));
    }

    @Test
    void everyColumnAJoinReadsCountsFieldsOnAndOrderBy() {
        for (String sql : new String[] {"ALTER TABLE variants MODIFY sku CHAR(2)",
                "ALTER TABLE variants MODIFY product_id BIGINT", "ALTER TABLE variants CHANGE COLUMN SKU sku TEXT",
                "ALTER TABLE variants CONVERT TO CHARACTER SET latin1", "ALTER TABLE variants ENGINE = Aria",
                "ALTER TABLE variants ADD INDEX (price), MODIFY sku TEXT"}) {
            queued.clear();
            changes.apply(ddl(DdlKind.ALTER, sql, VARIANTS));
            assertEquals(List.of(everyDocumentAfterAlterOf(VARIANTS)), queued, sql);
        }
    }

    @Test
    void anAlterOfColumnsNoJoinReadsQueuesNothing() {
        for (String sql : new String[] {"ALTER TABLE variants ADD INDEX (sku)", "ALTER TABLE variants MODIFY price"
                + " DECIMAL(10,1)", "ALTER TABLE variants ALTER COLUMN sku SET DEFAULT 'x'",
                "ALTER TABLE categories MODIFY slug VARCHAR(3)", "ALTER TABLE categories ADD UNIQUE (slug), COMMENT 'c'",
                "ALTER TABLE categories RENAME INDEX a TO b"}) {
            TableId table = sql.contains("variants") ? VARIANTS : CATEGORIES;
            changes.apply(ddl(DdlKind.ALTER, sql, table));
            assertEquals(List.of(), queued, sql);
        }
        changes.apply(ddl(DdlKind.ALTER, "ALTER TABLE other CONVERT TO CHARACTER SET latin1", TableId.parse("shop.other")));
        changes.apply(ddl(DdlKind.CREATE, "CREATE TABLE categories (id INT)", CATEGORIES));
        assertEquals(List.of(), queued);
        assertEquals(List.of(), logged(Level.WARN));
    }

    @Test
    void anAlterOfTheMappingsOwnColumnsWarnsWithTheResyncToRunAndQueuesNothing() {
        String sql = "ALTER TABLE products MODIFY title VARCHAR(3)";
        changes.apply(ddl(DdlKind.ALTER, sql, PRODUCTS));
        assertEquals(List.of(), queued);
        List<String> warned = logged(Level.WARN);
        assertEquals(1, warned.size(), lines.list.toString());
        for (String expected : new String[] {"ALTER of shop.products", "binlog mysql-bin.000003:1234", sql,
                "mappings[0]", "not rebuilt", "`binlog-sync resync shop.products`"}) {
            assertTrue(warned.get(0).contains(expected), "'" + expected + "' missing in: " + warned.get(0));
        }
        lines.list.clear();
        changes.apply(ddl(DdlKind.ALTER, "ALTER TABLE products MODIFY category_id BIGINT", PRODUCTS));
        assertEquals(1, logged(Level.WARN).size(), "the left side of on: " + lines.list);
        lines.list.clear();
        changes.apply(ddl(DdlKind.ALTER, "ALTER TABLE products ADD INDEX (title)", PRODUCTS));
        assertEquals(List.of(), logged(Level.WARN));
    }

    @Test
    void aJobThatCannotBeSavedStopsBeforeTheDdl() {
        RelatedSchemaChanges failing = new RelatedSchemaChanges(RelatedTables.of(List.of(reader)),
                table -> Optional.ofNullable(now.get(table)), entries -> {
                    throw new IOException("No space left on device");
                }, DocumentVersions.BINLOG_POSITION);
        String message = assertThrows(IllegalStateException.class, () -> failing.apply(ddl(DdlKind.ALTER,
                "ALTER TABLE categories MODIFY name VARCHAR(3)", CATEGORIES))).getMessage();
        for (String expected : new String[] {"shop.categories", "binlog mysql-bin.000003:1234",
                "No space left on device", "position stays before the DDL"}) {
            assertTrue(message.contains(expected), "'" + expected + "' missing in: " + message);
        }
    }
}
