package io.binlogsync.related;

import io.binlogsync.event.RowsChanged;
import io.binlogsync.event.TableId;
import io.binlogsync.mapping.RelatedChanges;
import io.binlogsync.mapping.TableMapping;
import io.binlogsync.mapping.join.Join;
import io.binlogsync.mapping.join.JoinedMapping;
import io.binlogsync.source.jdbc.SchemaCatalog;
import io.binlogsync.source.jdbc.TableRowReader;
import io.binlogsync.source.jdbc.TableSchema;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The mappings whose documents carry related tables' fields, each with the readers of its rows and its related
 * rows: what the stream, snapshots, resyncs and verify share to make the same joined documents.
 */
public final class RelatedTables {
    public static final RelatedTables NONE = new RelatedTables(List.of());

    private final List<JoinedReader> readers;
    private final Set<String> joinedPaths = new java.util.HashSet<>();

    private RelatedTables(List<JoinedReader> readers) {
        this.readers = List.copyOf(readers);
        readers.forEach(reader -> joinedPaths.add(reader.mapping().path()));
    }

    /** Whether {@code mapping} has joins: its documents are made with related rows. */
    public boolean joins(TableMapping mapping) {
        return joinedPaths.contains(mapping.path());
    }

    /** Readers of the joined mappings' tables as {@code catalog} has them now. */
    public static RelatedTables of(List<JoinedMapping> joined, SchemaCatalog catalog) throws SQLException {
        List<JoinedReader> readers = new ArrayList<>();
        for (JoinedMapping mapping : joined) {
            Map<Join, TableRowReader> related = new IdentityHashMap<>();
            for (Join join : mapping.joins()) {
                related.put(join, reader(catalog, join.table(), join.path()));
            }
            readers.add(new JoinedReader(mapping, reader(catalog, mapping.table(), mapping.mapping().path()), related));
        }
        return new RelatedTables(readers);
    }

    /** Of readers made elsewhere (tests). */
    static RelatedTables of(List<JoinedReader> readers) {
        return new RelatedTables(readers);
    }

    private static TableRowReader reader(SchemaCatalog catalog, TableId table, String path) throws SQLException {
        TableSchema schema = catalog.table(table).orElseThrow(() -> new IllegalStateException("table " + table
                + " of " + path + " does not exist on the source"));
        try {
            return new TableRowReader(schema);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(path + ": " + e.getMessage(), e);
        }
    }

    public boolean isEmpty() {
        return readers.isEmpty();
    }

    public List<JoinedReader> readers() {
        return readers;
    }

    /** The related tables (not the mappings' own): the stream must follow their changes too. */
    public Set<TableId> relatedTables() {
        Set<TableId> tables = new LinkedHashSet<>();
        readers.forEach(reader -> reader.joined().joins().forEach(join -> tables.add(join.table())));
        return tables;
    }

    /**
     * The reader of a mapping's joined documents, writing where {@code mapping} says (its index); empty when it has
     * no joins.
     */
    public Optional<JoinedReader> readerOf(TableMapping mapping) {
        return readers.stream().filter(reader -> reader.mapping().path().equals(mapping.path())).findFirst()
                .map(reader -> reader.withMapping(mapping));
    }

    /** The readers of the joined mappings among {@code mappings}. */
    public List<JoinedReader> readersOf(List<TableMapping> mappings) {
        return mappings.stream().map(this::readerOf).flatMap(Optional::stream).toList();
    }

    /**
     * For the mappers of copies and verify: leaves out the documents of joined mappings (made by {@link JoinedChunks}
     * from rows read in the same snapshot instead) and records nothing.
     */
    public RelatedChanges forCopies() {
        return new RelatedChanges() {
            @Override
            public boolean buildsDocumentsOf(TableMapping mapping) {
                return joins(mapping);
            }

            @Override
            public void changed(RowsChanged change) {
            }

            @Override
            public Optional<Rebuild> take() {
                return Optional.empty();
            }
        };
    }
}
