package io.binlogsync.index;

import java.io.IOException;
import java.util.List;

/**
 * Every id of an index, page by page, from a view of the index as it was when the paging began (documents written
 * since may be missed: callers look for documents that should not be there, or delete what was there). A missing
 * index has no ids.
 */
public interface IdPager {
    /** The pager for the server: point in time on Elasticsearch, scroll on OpenSearch. */
    static IdPager forServer(SearchServer server, JsonCalls calls) {
        return switch (server.flavour()) {
            case ELASTICSEARCH -> new PointInTimeIdPager(calls);
            case OPENSEARCH -> new ScrollIdPager(calls);
        };
    }

    /** Takes one page of ids. */
    interface PageConsumer<E extends Exception> {
        void accept(List<String> ids) throws E;
    }

    /** Hands every id of {@code index} to {@code consumer}, at most {@code pageSize} at a time; returns how many. */
    <E extends Exception> long forEach(String index, int pageSize, PageConsumer<E> consumer) throws IOException, E;
}
