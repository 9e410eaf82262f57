package io.binlogsync.config;

import java.util.Optional;

/**
 * Checks a Redis key template: literal text with {@code {column}} placeholders, where a doubled brace stands for a
 * literal one. Example: {@code product:sku:{sku}}.
 */
final class KeyTemplateSyntax {

    private static final String GRAMMAR = "templates are text with {column} placeholders, e.g. \"product:{id}\";"
            + " write {{ or }} for a literal brace";

    private KeyTemplateSyntax() {
    }

    /** Empty if {@code template} is well formed; otherwise what is wrong (with the 1-based column) and how to fix. */
    static Optional<String> problemWith(String template) {
        if (template.isBlank()) {
            return Optional.of("the key template is empty; " + GRAMMAR);
        }
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (isDoubled(template, i, c)) {
                i += 2;
            } else if (c == '}') {
                return Optional.of("unmatched '}' at character " + (i + 1) + " of `" + template + "`; " + GRAMMAR);
            } else if (c == '{') {
                Optional<String> problem = placeholderProblem(template, i);
                if (problem.isPresent()) {
                    return problem;
                }
                i = template.indexOf('}', i) + 1;
            } else {
                i++;
            }
        }
        return Optional.empty();
    }

    private static boolean isDoubled(String template, int i, char c) {
        return (c == '{' || c == '}') && i + 1 < template.length() && template.charAt(i + 1) == c;
    }

    private static Optional<String> placeholderProblem(String template, int open) {
        int close = template.indexOf('}', open + 1);
        int nextOpen = template.indexOf('{', open + 1);
        String at = " at character " + (open + 1) + " of `" + template + "`; ";
        if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
            return Optional.of("'{' is not closed" + at + GRAMMAR);
        }
        String column = template.substring(open + 1, close);
        if (column.isEmpty()) {
            return Optional.of("empty placeholder {}" + at + "put a column name inside, e.g. {id}");
        }
        if (!column.equals(column.strip())) {
            return Optional.of("placeholder {" + column + "} has spaces around the column name" + at
                    + "write {" + column.strip() + "}");
        }
        return Optional.empty();
    }
}
