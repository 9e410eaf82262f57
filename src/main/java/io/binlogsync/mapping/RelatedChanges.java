package io.binlogsync.mapping;

import io.binlogsync.event.RowsChanged;
import io.binlogsync.event.SchemaChanged;

import java.util.List;
import java.util.Optional;

/**
 * Where the documents of mappings with related tables are made (see {@code related.StreamRebuilds}): those need
 * rows the binlog event does not carry, so {@link ChangeMapper} leaves their documents out, tells every rows event
 * here, and the pipeline asks, as each batch closes, for the rebuild its events call for.
 */
public interface RelatedChanges {
    /** No mapping has related tables. */
    RelatedChanges NONE = new RelatedChanges() {
        @Override
        public boolean buildsDocumentsOf(TableMapping mapping) {
            return false;
        }

        @Override
        public void changed(RowsChanged change) {
        }

        @Override
        public Optional<Rebuild> take() {
            return Optional.empty();
        }
    };

    /** Whether the documents of {@code mapping} are made here rather than from the event's rows alone. */
    boolean buildsDocumentsOf(TableMapping mapping);

    /** A rows event of any followed table, before it is mapped; on the mapper's thread. */
    void changed(RowsChanged change);

    /**
     * Documents the events told since the last {@link #take} ask to rebuild with the batch, at most: they count
     * towards the batch's size, since the batch writes them.
     */
    default int pendingDocuments() {
        return 0;
    }

    /**
     * A TRUNCATE (of any table; its rows went without row events): the documents of mappings that join a truncated
     * table are to be made again, every one, by the rebuild the next {@link #take} returns; on the mapper's thread.
     */
    default void truncated(SchemaChanged ddl) {
    }

    /**
     * Other DDL naming tables (ALTER, RENAME, DROP, CREATE): joins of those tables read their columns as they are now,
     * or, when one no longer fits, an IllegalStateException that stops the daemon before {@code ddl}; on the mapper's
     * thread.
     */
    default void schemaChanged(SchemaChanged ddl) {
    }

    /** The rebuild the events told since the last call ask for (empty when none); on the mapper's thread. */
    Optional<Rebuild> take();

    /** Documents to make again, run on a writer's thread before its batch goes to the sinks. */
    @FunctionalInterface
    interface Rebuild {
        /** The documents as they are now, each at the version of the snapshot it was read in. */
        List<DocumentOperation> documents() throws InterruptedException;

        /**
         * Cache keys to delete with the batch, after its documents: those of documents rebuilt because a related
         * row changed; known once {@link #documents} returned.
         */
        default List<String> keys() {
            return List.of();
        }
    }
}
