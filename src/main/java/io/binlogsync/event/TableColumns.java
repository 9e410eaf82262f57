package io.binlogsync.event;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The column layout of a table at one moment of the binlog: names in table order and the primary key's columns.
 * Row images share one instance per table map, so a lookup by name costs one hash probe.
 */
public record TableColumns(List<String> names, List<String> primaryKey, Map<String, Integer> indexByName) {

    public TableColumns(List<String> names, List<String> primaryKey) {
        this(List.copyOf(names), List.copyOf(primaryKey), indexOf(names));
    }

    public TableColumns {
        names = List.copyOf(names);
        primaryKey = List.copyOf(primaryKey);
        indexByName = Map.copyOf(indexByName);
    }

    private static Map<String, Integer> indexOf(List<String> names) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            index.put(names.get(i), i);
        }
        return index;
    }

    /** Position of the column, or -1 when the table has no such column. */
    public int indexOf(String column) {
        Integer index = indexByName.get(column);
        return index == null ? -1 : index;
    }

    public boolean contains(String column) {
        return indexByName.containsKey(column);
    }

    public int size() {
        return names.size();
    }
}
