package io.binlogsync.it;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/** Compares every row of a table with every document of its index, field by field; lists the differences. */
final class TableComparison {
    private TableComparison() {
    }

    static List<String> differences(List<Map<String, Object>> rows, String idColumn, Map<String, JsonNode> documents) {
        List<String> differences = new ArrayList<>();
        TreeSet<String> seen = new TreeSet<>();
        for (Map<String, Object> row : rows) {
            String id = String.valueOf(row.get(idColumn));
            seen.add(id);
            JsonNode document = documents.get(id);
            if (document == null) {
                differences.add("missing document " + id);
                continue;
            }
            for (Map.Entry<String, Object> column : row.entrySet()) {
                String expected = column.getValue() == null ? null : String.valueOf(column.getValue());
                JsonNode field = document.get(column.getKey());
                String actual = field == null || field.isNull() ? null : field.asText();
                if (!Objects.equals(expected, actual)) {
                    differences.add("document " + id + " field " + column.getKey() + ": table has " + expected
                            + ", index has " + actual);
                }
            }
        }
        for (String id : documents.keySet()) {
            if (!seen.contains(id)) {
                differences.add("extra document " + id);
            }
        }
        return differences;
    }
}
