package io.binlogsync.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KeyTemplateSyntaxTest {

    @ParameterizedTest
    @ValueSource(strings = {"product:{id}", "product:sku:{sku}", "category-tree", "{a}{b}", "{{literal}}",
            "a}}b{{c", "{{{id}}}", "x:{user id}", "c:{schema}.{table}:{id}", "c:{`table`}", "c:{database}"})
    void acceptsWellFormedTemplates(String template) {
        assertEquals(Optional.empty(), KeyTemplateSyntax.problemWith(template));
    }

    @Test
    void splitsATemplateAtItsPlaceholders() {
        assertEquals(new KeyTemplateSyntax.Parts(List.of("{", ":", "}"),
                        List.of(new KeyTemplateSyntax.Column("tag"), new KeyTemplateSyntax.Column("id"))),
                KeyTemplateSyntax.parse("{{{tag}:{id}}}"));
        assertEquals(new KeyTemplateSyntax.Parts(List.of("category-tree"), List.of()),
                KeyTemplateSyntax.parse("category-tree"));
    }

    @Test
    void schemaDatabaseAndTableNameTheTableAndBackquotesNameAColumn() {
        KeyTemplateSyntax.Parts parts = KeyTemplateSyntax.parse("c:{schema}.{database}.{table}:{`table`}:{`id`}:{id}");

        assertEquals(List.of(
                new KeyTemplateSyntax.TableNamePart(NameTemplate.TableName.SCHEMA, "schema"),
                new KeyTemplateSyntax.TableNamePart(NameTemplate.TableName.SCHEMA, "database"),
                new KeyTemplateSyntax.TableNamePart(NameTemplate.TableName.TABLE, "table"),
                new KeyTemplateSyntax.Column("table"),
                new KeyTemplateSyntax.Column("id"),
                new KeyTemplateSyntax.Column("id")), parts.placeholders());
        assertEquals(List.of("table", "id", "id"), parts.columns());
        assertEquals(List.of(new KeyTemplateSyntax.Column("Table")), KeyTemplateSyntax.parse("{Table}").placeholders(),
                "placeholders are case-sensitive, as column names in templates always were");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "product:{id         | '{' is not closed at character 9",
            "{a{b}               | '{' is not closed at character 1",
            "product}            | unmatched '}' at character 8",
            "{id}}               | unmatched '}' at character 5",
            "{{id}               | unmatched '}' at character 5",
            "p:{}                | empty placeholder {} at character 3",
            "p:{ id }            | spaces around the column name",
            "p:{``}              | empty placeholder {``} at character 3",
            "p:{`table}          | opens a backquote it does not close",
            "'   '               | empty",
    })
    void reportsWhatIsWrongAndWhere(String template, String complaint) {
        String problem = KeyTemplateSyntax.problemWith(template).orElseThrow();

        assertTrue(problem.contains(complaint), problem);
    }
}
