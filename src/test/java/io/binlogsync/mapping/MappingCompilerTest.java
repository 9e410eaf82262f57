package io.binlogsync.mapping;

import io.binlogsync.config.ConfigException;
import io.binlogsync.config.ConfigProblem;
import io.binlogsync.config.FieldConversion;
import io.binlogsync.config.FieldConversion.Kind;
import io.binlogsync.config.FieldsConfig;
import io.binlogsync.config.MappingConfig;
import io.binlogsync.config.MappingConfigBuilder;
import io.binlogsync.event.TableColumns;
import io.binlogsync.event.TableId;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MappingCompilerTest {
    private static final TableId PRODUCTS = TableId.parse("shop.products");
    private static final TableColumns COLUMNS = new TableColumns(List.of("id", "title", "colors"), List.of("id"));

    private static MappingConfig mapping(FieldsConfig fields) {
        return MappingConfigBuilder.mapping("mappings[0]", PRODUCTS, "products").fields(fields).build();
    }

    private static List<TableMapping> compile(MappingConfig config) {
        return MappingCompiler.compile(List.of(config), table -> Optional.of(COLUMNS));
    }

    @Test
    void convertedColumnsThatExistCompile() {
        List<TableMapping> mappings = compile(mapping(new FieldsConfig(List.of(), List.of(), Map.of(),
                Map.of("colors", FieldConversion.of(Kind.SPLIT)))));

        assertEquals(List.of("id"), mappings.get(0).idColumns());
    }

    @Test
    void aConvertedOrRenamedColumnTheTableLacksIsAProblemAtItsPath() {
        ConfigException e = assertThrows(ConfigException.class, () -> compile(mapping(new FieldsConfig(List.of(),
                List.of(), Map.of("titel", "name"), Map.of("colours", FieldConversion.of(Kind.SPLIT))))));

        List<String> paths = e.problems().stream().map(ConfigProblem::path).toList();
        assertEquals(List.of("mappings[0].fields.rename.titel", "mappings[0].fields.convert.colours"), paths);
        String message = e.problems().get(1).message();
        assertTrue(message.equals("table shop.products has no column 'colours' (it has id, title, colors);"
                + " correct the name"), message);
    }

    @Test
    void aTableWithoutAnyKeyIsRefusedNamingTheFix() {
        ConfigException e = assertThrows(ConfigException.class, () -> MappingCompiler.compile(
                List.of(mapping(FieldsConfig.allColumns())), table -> Optional.of(new TableColumns(List.of("a"), List.of()))));

        assertEquals("mappings[0].id", e.problems().get(0).path());
        assertTrue(e.problems().get(0).message().contains("no primary key and no UNIQUE key over NOT NULL columns")
                && e.problems().get(0).message().contains("ALTER TABLE shop.products ADD PRIMARY KEY")
                && e.problems().get(0).message().contains("set id ="), e.problems().get(0).message());
    }

    @Test
    void aTableWhoseColumnsCannotBeReadIsAProblemAtItsTablePath() {
        ConfigException e = assertThrows(ConfigException.class, () -> MappingCompiler.compile(
                List.of(mapping(FieldsConfig.allColumns())), table -> {
                    throw new IllegalArgumentException("column v of shop.products has type vector, which"
                            + " binlog-sync does not know");
                }));

        assertEquals("mappings[0].table", e.problems().get(0).path());
        assertTrue(e.problems().get(0).message().contains("has type vector"), e.problems().get(0).message());
    }
}
