package io.binlogsync.mapping;

import io.binlogsync.config.FieldsConfig;
import io.binlogsync.event.RowImage;
import io.binlogsync.event.TableColumns;
import io.binlogsync.event.TableId;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DocumentIdsTest {
    private static final TableColumns COLUMNS = new TableColumns(List.of("a", "b", "c"), List.of("a", "b", "c"));
    private static final TableMapping MAPPING = new TableMapping("mappings[0]", TableId.parse("shop.t"), "t",
            List.of("a", "b", "c"), new FieldSelection("mappings[0]", FieldsConfig.allColumns()), List.of());

    @Test
    void splitsWhatDocumentIdJoinsEscapesIncluded() {
        for (List<String> parts : List.of(List.of("1", "x", "y"), List.of("a:b", "c\\d", "\\:"), List.of("", "", ""),
                List.of(":", "\\", "::\\\\"), List.of("é 😀", "12", "-3"))) {
            String id = MAPPING.documentId(new RowImage(COLUMNS, parts.toArray()));
            assertEquals(Optional.of(parts), DocumentIds.split(id, 3), id);
        }
    }

    @Test
    void aSingleColumnIdIsTakenWhole() {
        assertEquals(Optional.of(List.of("a:b\\c")), DocumentIds.split("a:b\\c", 1));
    }

    @Test
    void idsNoRowCanHaveMadeAreEmpty() {
        assertEquals(Optional.empty(), DocumentIds.split("1:2", 3), "too few parts");
        assertEquals(Optional.empty(), DocumentIds.split("1:2:3:4", 3), "too many parts");
        assertEquals(Optional.empty(), DocumentIds.split("1:2:3\\", 3), "a dangling escape");
        assertEquals(Optional.empty(), DocumentIds.split("1:2\\x:3", 3), "an escape of nothing escapable");
    }
}
