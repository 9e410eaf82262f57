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
            "a}}b{{c", "{{{id}}}", "x:{user id}"})
    void acceptsWellFormedTemplates(String template) {
        assertEquals(Optional.empty(), KeyTemplateSyntax.problemWith(template));
    }

    @Test
    void splitsATemplateAtItsPlaceholders() {
        assertEquals(new KeyTemplateSyntax.Parts(List.of("{", ":", "}"), List.of("tag", "id")),
                KeyTemplateSyntax.parse("{{{tag}:{id}}}"));
        assertEquals(new KeyTemplateSyntax.Parts(List.of("category-tree"), List.of()),
                KeyTemplateSyntax.parse("category-tree"));
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
            "'   '               | empty",
    })
    void reportsWhatIsWrongAndWhere(String template, String complaint) {
        String problem = KeyTemplateSyntax.problemWith(template).orElseThrow();

        assertTrue(problem.contains(complaint), problem);
    }
}
