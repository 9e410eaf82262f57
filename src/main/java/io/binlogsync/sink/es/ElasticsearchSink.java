package io.binlogsync.sink.es;

import io.binlogsync.index.RestClients;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import io.binlogsync.config.ElasticsearchConfig;
import io.binlogsync.mapping.ClearIndex;
import io.binlogsync.mapping.DeleteDocument;
import io.binlogsync.mapping.DocumentOperation;
import io.binlogsync.retry.OutageLog;
import io.binlogsync.sink.RetryingWriter;
import io.binlogsync.sink.Sink;
import io.binlogsync.sink.SinkBatch;
import io.binlogsync.sink.SinkRejectedException;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.Lock;

/**
 * Writes documents through the {@code _bulk} API with external versions, so an older change replayed after a
 * newer one is refused by Elasticsearch (a 409 conflict, which here means "already newer": success). Items that
 * fail with 429 or 5xx are retried alone; any other item failure stops the daemon with the table, id, index and
 * Elasticsearch's reason. The hot path posts bytes through the low-level client ({@link BulkBody},
 * {@link BulkResponseReader}); emptying an index and the health check still go through the typed client.
 */
public final class ElasticsearchSink implements Sink {
    private static final Logger log = LoggerFactory.getLogger(ElasticsearchSink.class);

    private final RestClient restClient;
    private final ElasticsearchClient client;
    private final RetryingWriter retrying;
    private final VersionConflicts versionGuard;
    private final DualWrites dualWrites = new DualWrites();
    private final CoalescedOperations coalescing = new CoalescedOperations();
    /** Bodies of finished requests, reused: one per request in flight at most (writer threads, a TRUNCATE). */
    private final Queue<BulkBody> idleBodies = new ConcurrentLinkedQueue<>();

    /**
     * @param versionCeiling the highest version a document may legitimately hold already: that of the end of the
     *                       source's newest binlog file at start (see {@link VersionConflicts})
     */
    public ElasticsearchSink(ElasticsearchConfig config, Duration initialBackoff, Duration maxBackoff, Clock clock,
                             long versionCeiling) {
        this.versionGuard = new VersionConflicts(versionCeiling);
        this.restClient = RestClients.build(config);
        this.client = new ElasticsearchClient(new RestClientTransport(restClient, new JacksonJsonpMapper()));
        this.retrying = new RetryingWriter(initialBackoff, maxBackoff,
                new OutageLog(log, "Elasticsearch " + config.hosts(), clock));
    }

    @Override
    public String name() {
        return "elasticsearch";
    }

    /** Where writes to an index being rebuilt under its alias are copied (see {@link DualWrites}). */
    public DualWrites dualWrites() {
        return dualWrites;
    }

    /** Operations not sent because a newer one of the same document was in the same batch. */
    public long coalescedOperations() {
        return coalescing.count();
    }

    @Override
    public void write(SinkBatch batch) throws InterruptedException {
        Lock writing = dualWrites.writing();
        writing.lockInterruptibly();
        try {
            writeBoth(batch);
        } finally {
            writing.unlock();
        }
    }

    private void writeBoth(SinkBatch batch) throws InterruptedException {
        for (ClearIndex clear : dualWrites.withCopiesOfClears(batch.clears())) {
            if (dualWrites.isNewIndex(clear.index())) {
                // once: a failure fails the rebuild, and the live stream does not wait for the new index
                try {
                    clear(clear);
                } catch (RetryingWriter.RetriableException | RuntimeException e) {
                    dualWrites.rejected("emptying the new index " + clear.index() + " for the TRUNCATE of "
                            + clear.table() + " failed: " + e.getMessage());
                }
            } else {
                retrying.run(() -> clear(clear));
            }
        }
        if (batch.documents().isEmpty()) {
            return;
        }
        List<DocumentOperation> newest = coalescing.newestOf(batch.documents());
        List<List<DocumentOperation>> pending = new ArrayList<>(List.of(dualWrites.withCopies(newest)));
        retrying.run(() -> {
            List<DocumentOperation> again = send(pending.get(0));
            pending.set(0, again);
            if (!again.isEmpty()) {
                throw new RetryingWriter.RetriableException(again.size() + " bulk items refused for now (429/5xx)", null);
            }
        });
    }

    /**
     * Deletes every document of the index, page by page through a scroll, each as an external-versioned delete at
     * the TRUNCATE's version: so a replayed older row cannot bring a document back, and
     * a newer one is never deleted. (Without delete_by_query, which only the reindex module offers.) Refreshes
     * first so that documents written just before are seen.
     */
    private void clear(ClearIndex clear) throws RetryingWriter.RetriableException {
        long version = clear.version();
        long deleted = 0;
        String scrollId = null;
        try {
            client.indices().refresh(r -> r.index(clear.index()).ignoreUnavailable(true).allowNoIndices(true));
            var page = client.search(s -> s.index(clear.index()).ignoreUnavailable(true).allowNoIndices(true)
                    .scroll(t -> t.time("2m")).size(1000).source(src -> src.fetch(false))
                    .query(q -> q.matchAll(m -> m)), Void.class);
            scrollId = page.scrollId();
            List<Hit<Void>> hits = page.hits().hits();
            while (!hits.isEmpty()) {
                List<DocumentOperation> deletes = new ArrayList<>(hits.size());
                for (Hit<Void> hit : hits) {
                    deletes.add(new DeleteDocument(clear.index(), hit.id(), version, clear.table()));
                }
                List<DocumentOperation> again = send(deletes);
                if (!again.isEmpty()) {
                    throw new RetryingWriter.RetriableException(again.size() + " deletes refused for now (429/5xx)", null);
                }
                deleted += deletes.size();
                String current = scrollId;
                var next = client.scroll(r -> r.scrollId(current).scroll(t -> t.time("2m")), Void.class);
                scrollId = next.scrollId();
                hits = next.hits().hits();
            }
            client.indices().refresh(r -> r.index(clear.index()).ignoreUnavailable(true).allowNoIndices(true));
            log.info("index {} emptied for the TRUNCATE of {} at binlog {}: {} documents deleted", clear.index(),
                    clear.table(), clear.position(), deleted);
        } catch (ElasticsearchException e) {
            if (e.status() == 429 || e.status() >= 500) {
                throw new RetryingWriter.RetriableException("emptying index " + clear.index() + " answered " + e.status(), e);
            }
            throw new SinkRejectedException("Elasticsearch refused to empty index " + clear.index() + " for the TRUNCATE"
                    + " of " + clear.table() + " at binlog " + clear.position() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new RetryingWriter.RetriableException("emptying index " + clear.index() + " failed", e);
        } finally {
            if (scrollId != null) {
                String finished = scrollId;
                try {
                    client.clearScroll(r -> r.scrollId(finished));
                } catch (IOException | RuntimeException e) {
                    log.debug("clearing a scroll failed: {}", e.toString());
                }
            }
        }
    }

    /** One bulk request; returns the operations to try again. */
    private List<DocumentOperation> send(List<DocumentOperation> operations) throws RetryingWriter.RetriableException {
        BulkBody body = idleBodies.poll();
        if (body == null) {
            body = new BulkBody();
        }
        try {
            return send(operations, body.reset());
        } finally {
            idleBodies.offer(body);
        }
    }

    private List<DocumentOperation> send(List<DocumentOperation> operations, BulkBody body)
            throws RetryingWriter.RetriableException {
        for (DocumentOperation operation : operations) {
            versionGuard.sent(operation.version());
            body.add(operation);
        }
        Response response;
        try {
            Request request = new Request("POST", "/_bulk");
            request.addParameter("filter_path", BulkResponseReader.FILTER_PATH);
            request.setEntity(body.entity());
            response = restClient.performRequest(request);
        } catch (ResponseException e) {
            throw refused(e.getResponse(), e);
        } catch (IOException e) {
            throw new RetryingWriter.RetriableException("bulk request failed", e);
        }
        if (response.getEntity() == null) {
            throw new RetryingWriter.RetriableException("bulk request answered " + response.getStatusLine()
                    .getStatusCode() + " without a body", null);
        }
        List<DocumentOperation> again = new ArrayList<>();
        try (InputStream content = response.getEntity().getContent()) {
            BulkResponseReader.read(content, (position, status, type, reason, causedBy) ->
                    failed(operations.get(position), status, type, reason, causedBy, again));
        } catch (IOException e) {
            throw new RetryingWriter.RetriableException("bulk response could not be read", e);
        }
        return again;
    }

    /** Judges one failed item: done (409), retried alone (429/5xx), or the end of the daemon. */
    private void failed(DocumentOperation operation, int status, String type, String reason, String causedBy,
                        List<DocumentOperation> again) {
        if (status == 409) {
            versionGuard.requirePlausible(operation, reason);
            return;
        }
        if (dualWrites.isNewIndex(operation.index())) {
            // not retried, even for 429/5xx: the live stream must never wait for the index being built
            dualWrites.rejected("the new index " + operation.index() + " refused the document of table "
                    + operation.table() + " with id '" + operation.id() + "': " + status + " "
                    + type + ": " + reason);
            return;
        }
        if (status == 429 || status >= 500) {
            again.add(operation);
            return;
        }
        throw new SinkRejectedException("Elasticsearch rejected the document of table " + operation.table()
                + " with id '" + operation.id() + "' in index '" + operation.index() + "' (version "
                + operation.version() + "): " + status + " " + type + ": " + reason
                + (causedBy != null ? " (caused by " + causedBy + ")" : "")
                + ". Fix the index mapping or the binlog-sync mapping, then restart: the position was not advanced");
    }

    /**
     * A refused request as a whole: retried when it may pass (429, 408, 5xx), the end of the daemon otherwise. The
     * texts are those the typed client's exceptions gave ("[es/bulk] failed: [type] reason" for Elasticsearch's
     * own error object; node and status for any other answer).
     */
    private RetryingWriter.RetriableException refused(Response response, ResponseException cause) {
        int httpStatus = response.getStatusLine().getStatusCode();
        BulkResponseReader.RequestError error = null;
        if (response.getEntity() != null) {
            try (InputStream content = response.getEntity().getContent()) {
                error = BulkResponseReader.readError(content);
            } catch (IOException e) {
                log.debug("reading the error of a bulk request failed: {}", e.toString());
            }
        }
        if (error != null) {
            if (error.status() == 429 || error.status() >= 500) {
                return new RetryingWriter.RetriableException("bulk request answered " + error.status(), cause);
            }
            throw new SinkRejectedException("Elasticsearch refused a bulk request (" + error.status() + "): "
                    + "[es/bulk] failed: [" + error.type() + "] " + error.reason()
                    + "; check elasticsearch.hosts, credentials and privileges", cause);
        }
        String detail = "node: " + response.getHost().toURI() + ", status: " + httpStatus + ", [es/bulk] "
                + (response.getEntity() == null ? "Expecting a response body, but none was sent"
                : "Request failed with status code '" + httpStatus + "'");
        if (httpStatus == 401 || httpStatus == 403) {
            throw new SinkRejectedException("Elasticsearch refused the credentials (" + httpStatus + "): " + detail
                    + "; check elasticsearch.username and password and their privileges", cause);
        }
        if (httpStatus >= 400 && httpStatus < 500 && httpStatus != 408 && httpStatus != 429) {
            throw new SinkRejectedException("Elasticsearch refused a bulk request (" + httpStatus + "): " + detail
                    + (httpStatus == 413 ? "; lower elasticsearch.bulk.max-bytes" : ""), cause);
        }
        return new RetryingWriter.RetriableException("bulk request failed", cause);
    }

    @Override
    public void ping() throws IOException {
        var health = client.cluster().health();
        if (health.status() == co.elastic.clients.elasticsearch._types.HealthStatus.Red) {
            throw new IOException("cluster " + health.clusterName() + " is red");
        }
    }

    @Override
    public void close() {
        try {
            restClient.close();
        } catch (IOException e) {
            log.debug("closing the Elasticsearch client failed: {}", e.toString());
        }
    }
}
