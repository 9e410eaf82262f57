package io.binlogsync.verify;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import io.binlogsync.event.RowImage;
import io.binlogsync.mapping.DocumentIds;
import io.binlogsync.mapping.RowDocuments;
import io.binlogsync.mapping.TableMapping;
import io.binlogsync.mapping.join.JoinedDocuments;
import io.binlogsync.related.JoinedReader;
import io.binlogsync.source.jdbc.TableRowReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A mapping's table seen through its documents: rows in key-ordered chunks, rows by document id, and the
 * document the mapping makes of each row (the stream's own serializer).
 */
final class MappedRows {
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
    /** Ids looked up per query; the id columns need not be indexed, so few at a time. */
    private static final int LOOKUP_BATCH = 500;

    private final TableMapping mapping;
    private final TableRowReader reader;
    private final Connection connection;
    private final RowDocuments documents = new RowDocuments();
    /** Present for a mapping with joins: its documents need related rows, read on the same connection. */
    private final Optional<JoinedReader> joined;
    private final JoinedDocuments joinedDocuments = new JoinedDocuments();

    MappedRows(TableMapping mapping, TableRowReader reader, Connection connection) {
        this(mapping, reader, connection, Optional.empty());
    }

    MappedRows(TableMapping mapping, TableRowReader reader, Connection connection, Optional<JoinedReader> joined) {
        this.joined = joined;
        this.mapping = mapping;
        this.reader = reader;
        this.connection = connection;
    }

    TableMapping mapping() {
        return mapping;
    }

    List<RowImage> chunk(Optional<RowImage> after, int size) throws SQLException {
        return reader.readChunk(connection, after, size);
    }

    /**
     * The rows whose document ids are among {@code ids}, by id; ids no row makes, or only a row the mapping's filter
     * leaves out, are absent.
     */
    Map<String, RowImage> rowsById(Collection<String> ids) throws SQLException {
        return rowsById(connection, ids);
    }

    /** {@link #rowsById(Collection)} on another connection, e.g. inside a consistent snapshot. */
    Map<String, RowImage> rowsById(Connection on, Collection<String> ids) throws SQLException {
        return rowsById(on, ids, true);
    }

    /**
     * Those of {@code ids} whose row exists but the mapping's filter leaves out (their documents should not exist:
     * verify says why); none without a filter.
     */
    Set<String> filteredOut(Collection<String> ids) throws SQLException {
        if (mapping.filter().keepsAll() || ids.isEmpty()) {
            return Set.of();
        }
        return rowsById(connection, ids, false).keySet();
    }

    /** The rows of {@code ids} by id: those the filter keeps, or (not {@code kept}) those it leaves out. */
    private Map<String, RowImage> rowsById(Connection on, Collection<String> ids, boolean kept) throws SQLException {
        Set<String> wanted = new HashSet<>(ids);
        Map<String, RowImage> found = new LinkedHashMap<>();
        List<List<Object>> tuples = new ArrayList<>();
        for (String id : ids) {
            tuple(id).ifPresent(tuples::add);
            if (tuples.size() == LOOKUP_BATCH) {
                collect(on, tuples, wanted, found, kept);
                tuples.clear();
            }
        }
        collect(on, tuples, wanted, found, kept);
        return found;
    }

    private void collect(Connection on, List<List<Object>> tuples, Set<String> wanted, Map<String, RowImage> found,
                         boolean kept) throws SQLException {
        // the server compares with the column's collation ('A' finds 'a'): keep only rows that make exactly the id
        for (RowImage row : reader.readWhere(on, mapping.idColumns(), tuples)) {
            String id = mapping.documentId(row);
            if (wanted.contains(id) && mapping.filter().keeps(row) == kept) {
                found.put(id, row);
            }
        }
    }

    /** The id's key values as query parameters, or empty when no row of the table can have made it. */
    private Optional<List<Object>> tuple(String id) {
        String keyId = mapping.keyIdOf(id);
        if (keyId == null) {
            return Optional.empty();
        }
        Optional<List<String>> parts = DocumentIds.split(keyId, mapping.idColumns().size());
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        List<Object> parameters = new ArrayList<>();
        try {
            for (int i = 0; i < parts.get().size(); i++) {
                parameters.add(reader.keyParameter(mapping.idColumns().get(i), parts.get().get(i)));
            }
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.of(parameters);
    }

    /** The document's id and source bytes, exactly as the stream would write them. */
    byte[] source(RowImage row) {
        return documents.source(mapping, row);
    }

    /**
     * The sources of the documents of the rows whose ids are among {@code ids}, by id, read on {@code on} (related
     * rows too, so all in the caller's snapshot); rows the mapping's filter leaves out make none.
     */
    Map<String, byte[]> sourcesById(Connection on, Collection<String> ids) throws SQLException {
        Map<String, RowImage> rows = rowsById(on, ids);
        if (joined.isPresent()) {
            return joined.get().sources(on, rows.values(), joinedDocuments);
        }
        Map<String, byte[]> sources = new LinkedHashMap<>();
        rows.forEach((id, row) -> sources.put(id, source(row)));
        return sources;
    }

    /** The documents the rows make, parsed, by id; rows the mapping's filter leaves out make none. */
    Map<String, JsonNode> expected(Collection<RowImage> rows) throws SQLException {
        if (joined.isPresent()) {
            Map<String, JsonNode> expected = new LinkedHashMap<>();
            joined.get().sources(connection, rows, joinedDocuments).forEach((id, source) -> expected.put(id,
                    parse(source)));
            return expected;
        }
        Map<String, JsonNode> expected = new LinkedHashMap<>();
        for (RowImage row : rows) {
            if (!mapping.filter().keeps(row)) {
                continue;
            }
            expected.put(mapping.documentId(row), parse(source(row)));
        }
        return expected;
    }

    static JsonNode parse(byte[] source) {
        try {
            return JSON.readTree(source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Drift among {@code ids}: compares what the rows make with what the index holds. */
    static List<Drift> compare(Collection<String> ids, Map<String, JsonNode> expected, Map<String, JsonNode> actual) {
        List<Drift> drifts = new ArrayList<>();
        for (String id : ids) {
            JsonNode want = expected.get(id);
            JsonNode have = actual.get(id);
            if (want == null && have != null) {
                drifts.add(new Drift(id, Drift.Kind.EXTRA, List.of()));
            } else if (want != null && have == null) {
                drifts.add(new Drift(id, Drift.Kind.MISSING, List.of()));
            } else if (want != null) {
                List<String> fields = DocumentDiff.differingFields(want, have);
                if (!fields.isEmpty()) {
                    drifts.add(new Drift(id, Drift.Kind.DIFFERENT, fields));
                }
            }
        }
        return drifts;
    }
}
