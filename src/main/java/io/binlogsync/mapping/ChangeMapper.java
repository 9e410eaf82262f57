package io.binlogsync.mapping;

import io.binlogsync.event.RowChange;
import io.binlogsync.event.RowImage;
import io.binlogsync.event.RowsChanged;
import io.binlogsync.event.TableId;

import io.binlogsync.event.TableColumns;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Pure mapping: a rows event becomes sink operations. Insert: index the document. Update: index the new
 * document, and delete the old id when the key changed. Delete: delete the document. Cache keys rendered from the
 * before and the after image are deleted, both, once each. Every operation of row {@code i} carries the version
 * of that row's place in the binlog. A mapping's row filter hides the images outside it ({@link RowFilter#visible}):
 * an update that leaves the filter deletes, one that enters it indexes. One instance per thread.
 */
public final class ChangeMapper {
    private final Map<TableId, List<TableMapping>> mappingsByTable = new LinkedHashMap<>();
    private final DocumentSerializer serializer = new DocumentSerializer();
    private final Set<TableId> disabled = new HashSet<>();
    /** The last column layout each mapping was checked against; rows of one event share their layout. */
    private final Map<TableMapping, TableColumns> checked = new IdentityHashMap<>();
    private final RelatedChanges related;

    /** Maps the tables of pattern mappings that appear while streaming. */
    private final ShardFollower shards;

    public ChangeMapper(List<TableMapping> mappings) {
        this(mappings, ShardFollower.NONE, RelatedChanges.NONE);
    }

    public ChangeMapper(List<TableMapping> mappings, ShardFollower shards) {
        this(mappings, shards, RelatedChanges.NONE);
    }

    /** @param related makes the documents of mappings with related tables (their rows' cache keys stay here) */
    public ChangeMapper(List<TableMapping> mappings, RelatedChanges related) {
        this(mappings, ShardFollower.NONE, related);
    }

    public ChangeMapper(List<TableMapping> mappings, ShardFollower shards, RelatedChanges related) {
        this.related = related;
        this.shards = shards;
        for (TableMapping mapping : mappings) {
            mappingsByTable.computeIfAbsent(mapping.table(), t -> new ArrayList<>()).add(mapping);
        }
    }

    public boolean maps(TableId table) {
        return mappingsByTable.containsKey(table) && !disabled.contains(table);
    }

    /** The mappings of a table (empty when none). */
    public List<TableMapping> mappingsOf(TableId table) {
        return mappingsByTable.getOrDefault(table, List.of());
    }

    /** The tables other than {@code table} whose mappings also write to {@code index}. */
    public Set<TableId> otherTablesWriting(String index, TableId table) {
        Set<TableId> others = new LinkedHashSet<>();
        mappingsByTable.forEach((source, mappings) -> {
            if (!source.equals(table) && mappings.stream().anyMatch(m -> m.index().equals(index))) {
                others.add(source);
            }
        });
        return others;
    }

    /** Follows the tables of pattern mappings: which are shards, new ones. */
    public ShardFollower shards() {
        return shards;
    }

    /** Stops mapping a table's rows (its table was dropped); the other tables go on. */
    public void disable(TableId table) {
        disabled.add(table);
    }

    /** Maps a table's rows again (a table of that name was created after the drop). */
    public void enable(TableId table) {
        disabled.remove(table);
    }

    public boolean isDisabled(TableId table) {
        return disabled.contains(table);
    }

    /** Where the documents of mappings with related tables are made. */
    public RelatedChanges related() {
        return related;
    }

    public void map(RowsChanged change, Consumer<SinkOperation> out) {
        related.changed(change);
        if (change.rows().isEmpty()) {
            return;
        }
        RowChange first = change.rows().get(0);
        TableColumns columns = (first.after() != null ? first.after() : first.before()).columns();
        List<TableMapping> mappings = mappingsByTable.get(change.table());
        if (mappings == null) {
            mappings = shards.learn(change.table(), columns).orElse(null);
            if (mappings != null) {
                mappingsByTable.put(change.table(), mappings);
            }
        }
        if (mappings == null || disabled.contains(change.table())) {
            return;
        }
        for (TableMapping mapping : mappings) {
            requireFits(mapping, columns);
        }
        List<RowChange> rows = change.rows();
        for (int i = 0; i < rows.size(); i++) {
            long version = change.version() + i;
            RowChange row = rows.get(i);
            List<String> keys = null;
            for (TableMapping mapping : mappings) {
                RowChange seen = mapping.filter().visible(row);
                if (seen == null) {
                    continue;
                }
                if (!related.buildsDocumentsOf(mapping)) {
                    mapRow(mapping, seen, version, out);
                }
                keys = addKeys(mapping, seen.before(), null, keys);
                keys = addKeys(mapping, seen.after(), seen.before(), keys);
            }
            if (keys != null) {
                out.accept(new InvalidateKeys(keys));
            }
        }
    }

    private void mapRow(TableMapping mapping, RowChange row, long version, Consumer<SinkOperation> out) {
        RowImage after = row.after();
        RowImage before = row.before();
        String newId = null;
        if (before != null) {
            String oldId = mapping.documentId(before);
            if (after != null) {
                // most updates keep the key: its text is the one just made
                newId = mapping.sameId(before, after) ? oldId : mapping.documentId(after);
            }
            if (after == null || !oldId.equals(newId)) {
                out.accept(new DeleteDocument(mapping.index(), oldId, version, mapping.table()));
            }
        }
        if (after != null) {
            byte[] source = serializer.serialize(after, mapping.fields().planFor(after.columns()));
            out.accept(new IndexDocument(mapping.index(), newId != null ? newId : mapping.documentId(after), version,
                    source, mapping.table()));
        }
    }

    private void requireFits(TableMapping mapping, TableColumns columns) {
        if (checked.get(mapping) == columns) {
            return;
        }
        List<String> missing = mapping.missingColumns(columns);
        if (!missing.isEmpty()) {
            throw new MappingMismatchException(mapping.path() + " (" + mapping.table() + " -> " + mapping.index()
                    + ") needs " + String.join(", ", missing) + ", which the table no longer has (its columns are "
                    + String.join(", ", columns.names()) + ")");
        }
        checked.put(mapping, columns);
    }

    /**
     * Adds the keys the image names to {@code keys} (made when null), each once: a row names a handful. A template
     * whose columns hold the same values in {@code added}, an image whose keys are in already, is skipped: it names
     * the same key (or none).
     */
    private static List<String> addKeys(TableMapping mapping, RowImage image, RowImage added, List<String> keys) {
        if (image == null) {
            return keys;
        }
        List<KeyTemplate> templates = mapping.invalidate();
        for (int i = 0; i < templates.size(); i++) {
            if (added != null && templates.get(i).sameKey(added, image)) {
                continue;
            }
            String key = templates.get(i).keyOf(image);
            if (key != null) {
                if (keys == null) {
                    keys = new ArrayList<>(4);
                }
                if (!keys.contains(key)) {
                    keys.add(key);
                }
            }
        }
        return keys;
    }
}
