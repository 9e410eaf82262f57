package io.binlogsync.related;

import io.binlogsync.config.ConfigLoader;
import io.binlogsync.config.SyncConfig;
import io.binlogsync.event.BinlogPosition;
import io.binlogsync.event.RowChange;
import io.binlogsync.event.RowChangeKind;
import io.binlogsync.event.RowImage;
import io.binlogsync.event.RowsChanged;
import io.binlogsync.event.TableId;
import io.binlogsync.mapping.MappingCompiler;
import io.binlogsync.mapping.TableMapping;
import io.binlogsync.mapping.join.Join;
import io.binlogsync.mapping.join.JoinCompiler;
import io.binlogsync.mapping.join.JoinedMapping;
import io.binlogsync.source.jdbc.ColumnSchema;
import io.binlogsync.source.jdbc.TableRowReader;
import io.binlogsync.source.jdbc.TableSchema;
import org.junit.jupiter.api.Test;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which changes ask for which rebuilds (the rebuilds themselves read the source: JoinsIT). */
class StreamRebuildsTest {
    private static final TableId PRODUCTS = TableId.parse("shop.products");
    private static final TableId CATEGORIES = TableId.parse("shop.categories");
    private static final TableId VARIANTS = TableId.parse("shop.variants");
    private static final TableSchema PRODUCT_SCHEMA = schema(PRODUCTS, "id", "title", "category_id");
    private static final TableSchema CATEGORY_SCHEMA = schema(CATEGORIES, "id", "name", "slug");
    private static final TableSchema VARIANT_SCHEMA = schema(VARIANTS, "id", "product_id", "sku", "note");
    private static final BinlogPosition AT = new BinlogPosition("mysql-bin.000001", 400);

    private final JoinedReader reader = reader();
    private final StreamRebuilds rebuilds = new StreamRebuilds(RelatedTables.of(List.of(reader)), null, null,
            () -> { });

    private static TableSchema schema(TableId table, String... columns) {
        return new TableSchema(table, java.util.Arrays.stream(columns).map(name -> new ColumnSchema(name,
                name.equals("id") || name.endsWith("_id") ? "int" : "varchar", false,
                name.equals("id") || name.endsWith("_id") ? null : "utf8mb4", List.of(), false)).toList(),
                List.of("id"));
    }

    private static JoinedReader reader() {
        SyncConfig config = ConfigLoader.parse("""
                source { user = "sync", password = "pw", server-id = 4201 }
                state.file = "/tmp/binlog-sync-state.json"
                mappings = [{ table = "shop.products", index = "products", join = [
                  { table = shop.categories, on { category_id = id }, as = category, fields = [name] },
                  { table = shop.variants, many = true, on { id = product_id }, as = variants, fields = [sku] } ] }]
                """, "test.conf", Map.of());
        Map<TableId, TableSchema> schemas = Map.of(PRODUCTS, PRODUCT_SCHEMA, CATEGORIES, CATEGORY_SCHEMA, VARIANTS,
                VARIANT_SCHEMA);
        List<TableMapping> mappings = MappingCompiler.compile(config.mappings(),
                table -> Optional.ofNullable(schemas.get(table)).map(TableSchema::tableColumns));
        JoinedMapping joined = JoinCompiler.compile(config.mappings(), mappings,
                table -> Optional.ofNullable(schemas.get(table)).map(TableSchema::tableColumns)).get(0);
        Map<Join, TableRowReader> related = new IdentityHashMap<>();
        for (Join join : joined.joins()) {
            related.put(join, new TableRowReader(schemas.get(join.table())));
        }
        return new JoinedReader(joined, new TableRowReader(PRODUCT_SCHEMA), related);
    }

    private static RowImage row(TableSchema schema, Object... values) {
        return new RowImage(schema.tableColumns(), values);
    }

    private void change(TableId table, RowChange... rows) {
        rebuilds.changed(new RowsChanged(RowChangeKind.UPDATE, table, AT, 1, List.of(rows)));
    }

    @Test
    void anUpdateOfAColumnNoJoinUsesAsksForNothing() {
        change(CATEGORIES, new RowChange(row(CATEGORY_SCHEMA, 1, "Lamps", "a"), row(CATEGORY_SCHEMA, 1, "Lamps", "b")));
        change(VARIANTS, new RowChange(row(VARIANT_SCHEMA, 1, 8, "A", "x"), row(VARIANT_SCHEMA, 1, 8, "A", "y")));
        assertTrue(rebuilds.take().isEmpty());
    }

    @Test
    void aVariantThatMovesAsksForBothParentsOnceEach() {
        change(VARIANTS, new RowChange(row(VARIANT_SCHEMA, 7, 8, "A", ""), row(VARIANT_SCHEMA, 7, 10, "A", "")),
                new RowChange(row(VARIANT_SCHEMA, 9, 10, "B", ""), row(VARIANT_SCHEMA, 9, 10, "C", "")));
        assertEquals(2, rebuilds.pendingDocuments());
        assertTrue(rebuilds.take().isPresent());
        assertEquals(0, rebuilds.pendingDocuments());
        assertTrue(rebuilds.take().isEmpty());
    }

    @Test
    void aProductsOwnRowAsksForItsDocumentBeforeAndAfterAnIdChange() {
        change(PRODUCTS, new RowChange(row(PRODUCT_SCHEMA, 1, "a", 3), row(PRODUCT_SCHEMA, 2, "a", 3)),
                new RowChange(row(PRODUCT_SCHEMA, 2, "a", 3), row(PRODUCT_SCHEMA, 2, "b", 3)));
        assertEquals(2, rebuilds.pendingDocuments());
    }

    @Test
    void aCategoryRenameGoesToTheSideLaneAndDoesNotFillTheBatch() {
        change(CATEGORIES, new RowChange(row(CATEGORY_SCHEMA, 1, "Lamps", "a"), row(CATEGORY_SCHEMA, 1, "Lights", "a")));
        assertEquals(0, rebuilds.pendingDocuments());
        assertTrue(rebuilds.take().isPresent());
        assertTrue(rebuilds.buildsDocumentsOf(reader.mapping()));
    }

    @Test
    void aTruncateOfARelatedTableSavesAJobForEveryDocumentBeforeTheBatchGoes(@org.junit.jupiter.api.io.TempDir
                                                                              java.nio.file.Path directory)
            throws Exception {
        RebuildJobs jobs = new RebuildJobs(directory.resolve("state.json"));
        java.util.concurrent.atomic.AtomicInteger wakes = new java.util.concurrent.atomic.AtomicInteger();
        StreamRebuilds stream = new StreamRebuilds(RelatedTables.of(List.of(reader)), null, jobs,
                wakes::incrementAndGet);
        stream.truncated(new io.binlogsync.event.SchemaChanged("shop", "TRUNCATE TABLE variants", AT, 7,
                io.binlogsync.event.DdlKind.TRUNCATE, List.of(VARIANTS)));
        stream.truncated(new io.binlogsync.event.SchemaChanged("shop", "TRUNCATE TABLE other", AT, 8,
                io.binlogsync.event.DdlKind.TRUNCATE, List.of(TableId.parse("shop.other"))));
        assertEquals(List.of(), jobs.pending());
        assertEquals(List.of(), stream.take().orElseThrow().documents());
        List<RebuildJobs.Job> pending = jobs.pending();
        assertEquals(1, pending.size());
        assertEquals(List.of(new RebuildJobs.Entry("mappings[0]", "TRUNCATE", List.of("shop.variants"),
                AT.file(), AT.offset(), true, null)), pending.get(0).entries());
        assertEquals(1, wakes.get());
        assertTrue(stream.take().isEmpty());
    }

    @Test
    void withGtidVersionsAJobNamesTheLastChangeByItsGtidAsWellAsItsPosition(@org.junit.jupiter.api.io.TempDir
                                                                             java.nio.file.Path directory)
            throws Exception {
        RebuildJobs jobs = new RebuildJobs(directory.resolve("state.json"));
        StreamRebuilds stream = new StreamRebuilds(RelatedTables.of(List.of(reader)), null, jobs, () -> { },
                RelatedSchemaChanges.NONE, io.binlogsync.config.DocumentVersions.GTID);
        RowChange rename = new RowChange(row(CATEGORY_SCHEMA, 1, "Lamps", "a"), row(CATEGORY_SCHEMA, 1, "Lights", "a"));
        stream.changed(new RowsChanged(RowChangeKind.UPDATE, CATEGORIES, new BinlogPosition("mysql-bin.000009", 900),
                io.binlogsync.version.VersionScheme.ofGtid(57, 2), List.of(rename)));
        // after a failover (followed on a reconnect) positions start again on the new server; GTIDs go on
        BinlogPosition onReplica = new BinlogPosition("mysql-bin.000001", 100);
        stream.changed(new RowsChanged(RowChangeKind.UPDATE, CATEGORIES, onReplica,
                io.binlogsync.version.VersionScheme.ofGtid(58, 0), List.of(rename)));
        stream.take().orElseThrow().documents();
        assertEquals(List.of(new RebuildJobs.Entry("mappings[0]", "category_id", List.of("1"), onReplica.file(),
                onReplica.offset(), false, 58L)), jobs.pending().get(0).entries());
    }

    @Test
    void withBinlogPositionVersionsAJobHasNoGtid(@org.junit.jupiter.api.io.TempDir java.nio.file.Path directory)
            throws Exception {
        RebuildJobs jobs = new RebuildJobs(directory.resolve("state.json"));
        StreamRebuilds stream = new StreamRebuilds(RelatedTables.of(List.of(reader)), null, jobs, () -> { },
                RelatedSchemaChanges.NONE, io.binlogsync.config.DocumentVersions.BINLOG_POSITION);
        stream.changed(new RowsChanged(RowChangeKind.UPDATE, CATEGORIES, AT, 5, List.of(new RowChange(
                row(CATEGORY_SCHEMA, 1, "Lamps", "a"), row(CATEGORY_SCHEMA, 1, "Lights", "a")))));
        stream.take().orElseThrow().documents();
        RebuildJobs.Entry entry = jobs.pending().get(0).entries().get(0);
        assertEquals(null, entry.gtidSequence());
        assertEquals(AT, entry.position());
        String saved = java.nio.file.Files.readString(jobs.pending().get(0).file());
        assertTrue(saved.contains("\"binlogFile\":\"mysql-bin.000001\"") && !saved.contains("\"position\""), saved);
    }

    @Test
    void aJobFileWrittenBeforeTruncatesWereFollowedReadsAsAJobByValues(@org.junit.jupiter.api.io.TempDir
                                                                        java.nio.file.Path directory)
            throws Exception {
        RebuildJobs jobs = new RebuildJobs(directory.resolve("state.json"));
        java.nio.file.Files.createDirectories(jobs.directory());
        java.nio.file.Files.writeString(jobs.directory().resolve("0001.json"), "[{\"mapping\":\"mappings[0]\","
                + "\"column\":\"category_id\",\"values\":[\"1\"],\"binlogFile\":\"b.000001\",\"binlogOffset\":4}]");
        assertEquals(List.of(new RebuildJobs.Entry("mappings[0]", "category_id", List.of("1"), "b.000001", 4, false, null)),
                jobs.pending().get(0).entries());
        assertEquals(null, jobs.pending().get(0).entries().get(0).gtidSequence(), "no GTID in a file saved before");
    }
}
