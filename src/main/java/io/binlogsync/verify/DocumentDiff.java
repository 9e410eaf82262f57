package io.binlogsync.verify;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The top-level fields in which two documents differ, compared as parsed JSON (field order and formatting do not
 * matter). Numbers are compared exactly by value: 19.90 equals 19.9, but 0.1 never equals 0.1000000001, and an
 * integer beyond 2^63 is compared in full.
 */
final class DocumentDiff {
    private DocumentDiff() {
    }

    /** Field names present in one document and not the other, or with different values; sorted. */
    static List<String> differingFields(JsonNode expected, JsonNode actual) {
        TreeSet<String> fields = new TreeSet<>();
        Iterator<Map.Entry<String, JsonNode>> entries = expected.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            JsonNode other = actual.get(entry.getKey());
            if (other == null || !same(entry.getValue(), other)) {
                fields.add(entry.getKey());
            }
        }
        actual.fieldNames().forEachRemaining(name -> {
            if (!expected.has(name)) {
                fields.add(name);
            }
        });
        return List.copyOf(fields);
    }

    static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!same(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isObject() && b.isObject()) {
            return a.size() == b.size() && differingFields(a, b).isEmpty();
        }
        return a.equals(b);
    }
}
