package io.binlogsync.related;

import io.binlogsync.event.RowImage;
import io.binlogsync.mapping.DocumentOperation;
import io.binlogsync.mapping.join.JoinedDocuments;
import io.binlogsync.mapping.join.RelatedRows;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * For a copy of a table (snapshot, resync): the joined documents of a chunk of its rows, with the related rows read
 * in the chunk's own consistent snapshot, so the documents and their version agree. One instance per copy.
 */
public final class JoinedChunks {
    /** A table no joined mapping reads. */
    public static final JoinedChunks NONE = new JoinedChunks(List.of());

    private final List<JoinedReader> readers;
    private final JoinedDocuments writer = new JoinedDocuments();

    /** @param readers the joined mappings of the copied table */
    public JoinedChunks(List<JoinedReader> readers) {
        this.readers = List.copyOf(readers);
    }

    /** What a chunk's documents need, read in its snapshot. */
    public final class Loaded {
        private final List<RowImage> rows;
        private final List<RelatedRows> related;

        private Loaded(List<RowImage> rows, List<RelatedRows> related) {
            this.rows = rows;
            this.related = related;
        }

        public List<RowImage> rows() {
            return rows;
        }

        /** Adds the chunk's joined documents, at the version of the snapshot the rows were read in. */
        public void addDocuments(long version, List<DocumentOperation> documents) {
            for (int i = 0; i < readers.size(); i++) {
                documents.addAll(readers.get(i).documents(rows, related.get(i), writer, version, false));
            }
        }
    }

    /** Reads the related rows of {@code rows} on the connection of their snapshot. */
    public Loaded read(Connection connection, List<RowImage> rows) throws SQLException {
        List<RelatedRows> related = new ArrayList<>(readers.size());
        for (JoinedReader reader : readers) {
            related.add(reader.related(connection, rows));
        }
        return new Loaded(rows, related);
    }
}
