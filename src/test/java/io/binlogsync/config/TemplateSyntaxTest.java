package io.binlogsync.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import io.binlogsync.config.TemplateSyntax.Kind;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TemplateSyntaxTest {

    @ParameterizedTest
    @ValueSource(strings = {"product:{id}", "product:sku:{sku}", "category-tree", "{a}{b}", "{{literal}}",
            "a}}b{{c", "{{{id}}}", "x:{user id}", "c:{schema}.{table}:{id}", "c:{`table`}", "c:{database}"})
    void acceptsWellFormedTemplates(String template) {
        assertEquals(Optional.empty(), TemplateSyntax.problemWith(template, Kind.KEY));
    }

    @Test
    void splitsATemplateAtItsPlaceholders() {
        assertEquals(new TemplateSyntax.Parts(List.of("{", ":", "}"),
                        List.of(new TemplateSyntax.Column("tag"), new TemplateSyntax.Column("id"))),
                TemplateSyntax.parse("{{{tag}:{id}}}", Kind.KEY));
        assertEquals(new TemplateSyntax.Parts(List.of("category-tree"), List.of()),
                TemplateSyntax.parse("category-tree", Kind.KEY));
    }

    @Test
    void schemaDatabaseAndTableNameTheTableAndBackquotesNameAColumn() {
        TemplateSyntax.Parts parts = TemplateSyntax.parse("c:{schema}.{database}.{table}:{`table`}:{`id`}:{id}",
                Kind.KEY);

        assertEquals(List.of(
                new TemplateSyntax.TableNamePart(NameTemplate.TableName.SCHEMA, "schema"),
                new TemplateSyntax.TableNamePart(NameTemplate.TableName.SCHEMA, "database"),
                new TemplateSyntax.TableNamePart(NameTemplate.TableName.TABLE, "table"),
                new TemplateSyntax.Column("table"),
                new TemplateSyntax.Column("id"),
                new TemplateSyntax.Column("id")), parts.placeholders());
        assertEquals(List.of("table", "id", "id"), parts.columns());
        assertEquals(List.of(new TemplateSyntax.Column("Table")), TemplateSyntax.parse("{Table}", Kind.KEY).placeholders(),
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
            "p:{ id }            | placeholder { id } has spaces around its name at character 3",
            "p:{``}              | empty placeholder {``} at character 3",
            "p:{`table}          | opens a backquote it does not close",
            "'   '               | empty",
    })
    void reportsWhatIsWrongAndWhere(String template, String complaint) {
        String problem = TemplateSyntax.problemWith(template, Kind.KEY).orElseThrow();

        assertTrue(problem.contains(complaint), problem);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "INDEX | orders-{schema            | '{' is not closed at character 8 of `orders-{schema`; index templates",
            "INDEX | orders}                   | unmatched '}' at character 7",
            "INDEX | orders-{}                 | empty placeholder {} at character 8",
            "INDEX | orders-{ table }          | placeholder { table } has spaces around its name at character 8 of"
                    + " `orders-{ table }`; write {table}",
            "INDEX | orders-{`table`}          | {`table`} names a column at character 8 of `orders-{`table`}`;"
                    + " an index template takes no columns",
            "INDEX | orders-{id}               | unknown placeholder {id} at character 8",
            "INDEX | orders-{Table}            | unknown placeholder {Table}",
            "ID    | {table}:{ id }            | placeholder { id } has spaces around its name at character 9",
            "ID    | {table}:{`id`}            | an id template takes no columns",
            "ID    | {table}:{pk}              | unknown placeholder {pk} at character 9 of `{table}:{pk}`; id templates"
                    + " are text with {id}",
            "ID    | '  '                      | the id template is empty",
    })
    void indexAndIdTemplatesFollowTheSameGrammarWithTheirOwnPlaceholders(Kind kind, String template,
                                                                        String complaint) {
        String problem = TemplateSyntax.problemWith(template, kind).orElseThrow();

        assertTrue(problem.contains(complaint), problem);
        assertTrue(problem.contains("write {"), "says how to fix it: " + problem);
    }

    @Test
    void theTableNamesAreTheSamePlaceholdersInEveryKindAndIdIsTheKeysIdOnlyInIdTemplates() {
        TemplateSyntax.Parts index = TemplateSyntax.parse("a{{b}}-{database}.{table}", Kind.INDEX);
        assertEquals(List.of("a{b}-", ".", ""), index.literals());
        assertEquals(List.of(new TemplateSyntax.TableNamePart(NameTemplate.TableName.SCHEMA, "database"),
                new TemplateSyntax.TableNamePart(NameTemplate.TableName.TABLE, "table")), index.placeholders());
        assertEquals(List.of(new TemplateSyntax.TableNamePart(NameTemplate.TableName.SCHEMA, "schema"),
                        new TemplateSyntax.KeyId()),
                TemplateSyntax.parse("{schema}:{id}", Kind.ID).placeholders());
        assertEquals(List.of(new TemplateSyntax.TableNamePart(NameTemplate.TableName.SCHEMA, "schema"),
                        new TemplateSyntax.Column("id")),
                TemplateSyntax.parse("{schema}:{id}", Kind.KEY).placeholders());
        assertEquals(List.of(), TemplateSyntax.parse("{table}:{id}", Kind.ID).columns());
    }

    @Test
    void placeholderDetection() {
        assertTrue(TemplateSyntax.hasPlaceholder("orders-{schema}"));
        assertFalse(TemplateSyntax.hasPlaceholder("orders"));
        assertFalse(TemplateSyntax.hasPlaceholder("a{{b"));
        assertTrue(TemplateSyntax.hasPlaceholder("a{{{b"));
        assertTrue(TemplateSyntax.hasPlaceholder("orders-{schema"), "an unclosed brace is a template to refuse");
        assertFalse(TemplateSyntax.hasPlaceholder("orders}"));
    }
}
