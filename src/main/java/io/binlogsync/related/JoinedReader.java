package io.binlogsync.related;

import io.binlogsync.event.RowImage;
import io.binlogsync.event.TableId;
import io.binlogsync.mapping.DeleteDocument;
import io.binlogsync.mapping.DocumentOperation;
import io.binlogsync.mapping.IndexDocument;
import io.binlogsync.mapping.TableMapping;
import io.binlogsync.mapping.join.Join;
import io.binlogsync.mapping.join.JoinedDocuments;
import io.binlogsync.mapping.join.JoinedMapping;
import io.binlogsync.mapping.join.RelatedRows;
import io.binlogsync.source.jdbc.TableRowReader;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads a joined mapping's rows and their related rows over a connection the caller holds (inside its consistent
 * snapshot), always through the join columns: {@code IN (...)} lists of at most {@link #VALUES_PER_QUERY} values,
 * never a scan. Makes the documents of the rows read. Safe to share; the document writer is the caller's.
 */
public final class JoinedReader {
    static final int VALUES_PER_QUERY = 500;

    private final JoinedMapping joined;
    /** The readers of the tables, replaced together when DDL changes them; shared with {@link #withMapping} copies. */
    private final AtomicReference<Readers> readers;

    /** The mapping's table's reader and each join's. */
    record Readers(TableRowReader parents, Map<Join, TableRowReader> related) {
        Readers {
            related = java.util.Collections.unmodifiableMap(new IdentityHashMap<>(related));
        }
    }

    JoinedReader(JoinedMapping joined, TableRowReader parents, Map<Join, TableRowReader> related) {
        this(joined, new AtomicReference<>(new Readers(parents, related)));
    }

    private JoinedReader(JoinedMapping joined, AtomicReference<Readers> readers) {
        this.joined = joined;
        this.readers = readers;
    }

    /** The tables' readers as they are now. */
    Readers readers() {
        return readers.get();
    }

    /** After DDL: reads the tables with their columns as they are now (the stream's, side lane's and copies' reads). */
    void tablesChanged(Readers now) {
        readers.set(now);
    }

    /**
     * This reader for another instance of its mapping (same path), e.g. one pointed at a new index by
     * {@code resync --new-index}: its documents go where that instance says.
     */
    JoinedReader withMapping(TableMapping mapping) {
        return mapping == joined.mapping() ? this
                : new JoinedReader(new JoinedMapping(mapping, joined.joins()), readers);
    }

    public JoinedMapping joined() {
        return joined;
    }

    public TableMapping mapping() {
        return joined.mapping();
    }

    TableRowReader parents() {
        return readers.get().parents();
    }

    /**
     * The related rows of {@code rows}, every join's. Joins that read the same table through the same columns in the
     * same order (the variants as objects and as a list of skus) share one read.
     */
    public RelatedRows related(Connection connection, List<RowImage> rows) throws SQLException {
        RelatedRows found = new RelatedRows();
        Map<List<Object>, List<Join>> sameRead = new LinkedHashMap<>();
        for (Join join : joined.joins()) {
            sameRead.computeIfAbsent(List.of(join.table(), join.parentColumn(), join.joinedColumn(),
                    join.orderBy()), key -> new ArrayList<>()).add(join);
        }
        for (List<Join> joins : sameRead.values()) {
            Join join = joins.get(0);
            TableRowReader reader = readers.get().related().get(join);
            Map<String, Object> values = new LinkedHashMap<>();
            for (RowImage row : rows) {
                Object value = row.get(join.parentColumn());
                if (value != null) {
                    values.putIfAbsent(RelatedRows.key(value), value);
                }
            }
            List<String> order = join.orderBy().map(List::of).orElse(List.of());
            for (List<Object> group : groups(values.values(), value -> reader.parameterOf(join.joinedColumn(), value))) {
                for (RowImage row : reader.readWhereIn(connection, join.joinedColumn(), group, order)) {
                    joins.forEach(each -> found.add(each, row));
                }
            }
        }
        return found;
    }

    /** The documents of {@code rows}, with their related rows read on {@code connection}, at {@code version}. */
    public List<DocumentOperation> documents(Connection connection, List<RowImage> rows, JoinedDocuments writer,
                                             long version) throws SQLException {
        return documents(rows, related(connection, rows), writer, version, false);
    }

    /**
     * The documents of {@code rows}, at {@code version}. Rows the mapping's filter leaves out make none; with
     * {@code deleteLeftOut} (the stream: such a row may just have left the filter) their documents are deleted.
     */
    public List<DocumentOperation> documents(List<RowImage> rows, RelatedRows relatedRows, JoinedDocuments writer,
                                             long version, boolean deleteLeftOut) {
        List<DocumentOperation> documents = new ArrayList<>(rows.size());
        TableMapping mapping = joined.mapping();
        TableId table = mapping.table();
        for (RowImage row : rows) {
            if (!mapping.filter().keeps(row)) {
                if (deleteLeftOut) {
                    documents.add(new DeleteDocument(mapping.index(), mapping.documentId(row), version, table));
                }
                continue;
            }
            documents.add(new IndexDocument(mapping.index(), mapping.documentId(row), version,
                    writer.source(joined, row, relatedRows), table));
        }
        return documents;
    }

    /** The sources of {@code rows}' documents by id, with their related rows read on {@code connection}. */
    public Map<String, byte[]> sources(Connection connection, Collection<RowImage> rows, JoinedDocuments writer)
            throws SQLException {
        List<RowImage> list = List.copyOf(rows);
        RelatedRows relatedRows = related(connection, list);
        Map<String, byte[]> sources = new LinkedHashMap<>();
        for (RowImage row : list) {
            if (!mapping().filter().keeps(row)) {
                continue;
            }
            sources.put(mapping().documentId(row), writer.source(joined, row, relatedRows));
        }
        return sources;
    }

    /** The mapping's rows whose id columns hold one of {@code ids} (each the id columns' values, as rows hold them). */
    List<RowImage> rowsById(Connection connection, Collection<List<Object>> ids) throws SQLException {
        List<String> idColumns = mapping().idColumns();
        List<List<Object>> tuples = new ArrayList<>();
        for (List<Object> id : ids) {
            List<Object> tuple = new ArrayList<>(id.size());
            for (int i = 0; i < id.size(); i++) {
                tuple.add(parents().parameterOf(idColumns.get(i), id.get(i)));
            }
            tuples.add(tuple);
        }
        List<RowImage> rows = new ArrayList<>();
        for (int from = 0; from < tuples.size(); from += VALUES_PER_QUERY) {
            rows.addAll(parents().readWhere(connection, idColumns,
                    tuples.subList(from, Math.min(tuples.size(), from + VALUES_PER_QUERY))));
        }
        return rows;
    }

    /** The mapping's rows whose {@code column} holds one of {@code values} (as rows hold them). */
    List<RowImage> rowsWhere(Connection connection, String column, Collection<Object> values) throws SQLException {
        List<RowImage> rows = new ArrayList<>();
        for (List<Object> group : groups(values, value -> parents().parameterOf(column, value))) {
            rows.addAll(parents().readWhereIn(connection, column, group, List.of()));
        }
        return rows;
    }

    /** A page of the mapping's rows whose {@code column} holds one of {@code parameters}, in key order. */
    List<RowImage> page(Connection connection, String column, List<Object> parameters, Optional<RowImage> after,
                        int limit) throws SQLException {
        return parents().readChunkWhereIn(connection, column, parameters, after, limit);
    }

    /** A page of all the mapping's rows, in key order (a joined table was truncated: every document changes). */
    List<RowImage> pageAll(Connection connection, Optional<RowImage> after, int limit) throws SQLException {
        return parents().readChunk(connection, after, limit);
    }

    private static List<List<Object>> groups(Collection<Object> values, java.util.function.Function<Object, Object> parameter) {
        List<List<Object>> groups = new ArrayList<>();
        List<Object> group = new ArrayList<>();
        for (Object value : values) {
            group.add(parameter.apply(value));
            if (group.size() == VALUES_PER_QUERY) {
                groups.add(group);
                group = new ArrayList<>();
            }
        }
        if (!group.isEmpty()) {
            groups.add(group);
        }
        return groups;
    }

    @Override
    public String toString() {
        return joined.toString();
    }
}
