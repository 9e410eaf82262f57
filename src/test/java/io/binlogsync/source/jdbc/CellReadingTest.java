package io.binlogsync.source.jdbc;

import io.binlogsync.event.TableId;
import io.binlogsync.event.UnrepresentableValue;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CellReadingTest {
    private static final TableId TABLE = TableId.parse("shop.items");

    private static ColumnSchema column(String name, String dataType) {
        return new ColumnSchema(name, dataType, false, null, List.of(), false);
    }

    @Test
    void mariadbsOwnTypesAreReadAsTheServersText() {
        for (String type : List.of("uuid", "INET4", "inet6")) {
            CellReading reading = CellReading.of(TABLE, column("a", type));
            assertEquals(CellReading.SERVER_TEXT, reading);
            assertEquals("CAST(`a` AS CHAR)", reading.select("`a`"));
        }
    }

    @Test
    void aTypeBinlogSyncDoesNotKnowIsRefusedNamingTableColumnAndType() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CellReading.of(TABLE, column("embedding", "vector")));
        assertEquals("column embedding of shop.items has type vector, which binlog-sync does not know, so it cannot"
                + " write its values exactly; leave shop.items out of the mappings (docs/types.md lists the types it"
                + " knows)", e.getMessage());
        TableSchema schema = new TableSchema(TABLE, List.of(column("id", "int"), column("embedding", "vector")),
                List.of("id"));
        assertThrows(IllegalArgumentException.class, schema::requireKnownTypes);
    }

    @Test
    void keysThatDocumentsWriteAsNullAreBoundByTheServersText() {
        assertEquals("0000-00-00", CellReading.DATE.keyParameterOf(new UnrepresentableValue("0000-00-00")));
        assertEquals(new BigDecimal("0"), CellReading.YEAR.keyParameter("0000"));
    }

    @Test
    void aFloatKeyIsComparedByTheFloatsExactValueNotByTheDoubleNearestItsText() {
        float stored = Float.parseFloat("8.25374E-6");
        assertEquals((double) stored, CellReading.FLOAT.keyParameter(Float.toString(stored)));
        assertEquals((double) stored, CellReading.FLOAT.keyParameterOf(stored));
        org.junit.jupiter.api.Assertions.assertNotEquals(Double.parseDouble("8.25374E-6"), (double) stored);
    }
}
