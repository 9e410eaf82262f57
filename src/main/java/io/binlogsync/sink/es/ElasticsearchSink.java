package io.binlogsync.sink.es;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.binlogsync.config.ElasticsearchConfig;
import io.binlogsync.index.IdPager;
import io.binlogsync.index.JsonCalls;
import io.binlogsync.index.RefusedRequestException;
import io.binlogsync.index.RestClients;
import io.binlogsync.index.SearchServer;
import io.binlogsync.index.ServerDetection;
import io.binlogsync.index.UnsupportedServerException;
import io.binlogsync.mapping.ClearIndex;
import io.binlogsync.mapping.DeleteDocument;
import io.binlogsync.mapping.DocumentOperation;
import io.binlogsync.retry.OutageLog;
import io.binlogsync.sink.RetryCause;
import io.binlogsync.sink.RetryingWriter;
import io.binlogsync.sink.Sink;
import io.binlogsync.sink.SinkBatch;
import io.binlogsync.sink.SinkMetrics;
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
 * {@link BulkResponseReader}); emptying an index and the health check are JSON calls ({@link JsonCalls}).
 */
public final class ElasticsearchSink implements Sink {
    private static final Logger log = LoggerFactory.getLogger(ElasticsearchSink.class);
    /** Ids deleted per bulk request when emptying an index. */
    private static final int CLEAR_PAGE = 1000;

    private final RestClient restClient;
    private final String hosts;
    private final JsonCalls calls;
    private final ServerDetection detection;
    private final RetryingWriter retrying;
    private final OutageLog outage;
    private final VersionConflicts versionGuard;
    private final DualWrites dualWrites = new DualWrites();
    private final CoalescedOperations coalescing;
    private final SinkMetrics metrics;
    /** Bodies of finished requests, reused: one per request in flight at most (writer threads, a TRUNCATE). */
    private final Queue<BulkBody> idleBodies = new ConcurrentLinkedQueue<>();

    /**
     * @param versionCeiling the highest version a document may legitimately hold already: that of the end of the
     *                       source's newest binlog file at start (see {@link VersionConflicts})
     */
    public ElasticsearchSink(ElasticsearchConfig config, Duration initialBackoff, Duration maxBackoff, Clock clock,
                             long versionCeiling) {
        this(config, initialBackoff, maxBackoff, clock, versionCeiling, SinkMetrics.NONE);
    }

    /** @param metrics counts retries, bulk requests and coalesced operations */
    public ElasticsearchSink(ElasticsearchConfig config, Duration initialBackoff, Duration maxBackoff, Clock clock,
                             long versionCeiling, SinkMetrics metrics) {
        this.metrics = metrics;
        this.coalescing = new CoalescedOperations(metrics);
        this.versionGuard = new VersionConflicts(versionCeiling);
        this.restClient = RestClients.build(config);
        this.hosts = config.hosts().toString();
        this.calls = new JsonCalls(restClient, hosts, new ObjectMapper());
        this.detection = new ServerDetection(calls, hosts);
        this.outage = new OutageLog(log, "Elasticsearch " + config.hosts(), clock);
        this.retrying = new RetryingWriter(initialBackoff, maxBackoff, outage, name(), metrics);
    }

    @Override
    public java.util.Optional<String> outage() {
        return outage.outage();
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
            ItemRetries again = send(pending.get(0));
            pending.set(0, again.operations());
            again.throwIfAny("bulk items");
        });
    }

    /**
     * Deletes every document of the index, page by page ({@link IdPager}), each as an external-versioned delete at
     * the TRUNCATE's version: so a replayed older row cannot bring a document back, and a newer one is never deleted.
     * (Without delete_by_query, which only the reindex module offers.) Refreshes first so that documents written just
     * before are seen.
     */
    private void clear(ClearIndex clear) throws RetryingWriter.RetriableException {
        long version = clear.version();
        try {
            refresh(clear.index());
            long deleted = IdPager.forServer(detection.server(), calls).forEach(clear.index(), CLEAR_PAGE, ids -> {
                List<DocumentOperation> deletes = new ArrayList<>(ids.size());
                for (String id : ids) {
                    deletes.add(new DeleteDocument(clear.index(), id, version, clear.table()));
                }
                send(deletes).throwIfAny("deletes");
            });
            refresh(clear.index());
            log.info("index {} emptied for the TRUNCATE of {} at binlog {}: {} documents deleted", clear.index(),
                    clear.table(), clear.position(), deleted);
        } catch (UnsupportedServerException e) {
            throw new SinkRejectedException(e.getMessage(), e);
        } catch (RefusedRequestException e) {
            if (e.retriable()) {
                throw new RetryingWriter.RetriableException("emptying index " + clear.index() + " answered "
                        + e.status(), e, RetryCause.ofStatus(e.status()));
            }
            throw new SinkRejectedException("Elasticsearch refused to empty index " + clear.index() + " for the TRUNCATE"
                    + " of " + clear.table() + " at binlog " + clear.position() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new RetryingWriter.RetriableException("emptying index " + clear.index() + " failed", e);
        }
    }

    private void refresh(String index) throws IOException {
        calls.call("POST", "/" + index + "/_refresh?ignore_unavailable=true&allow_no_indices=true", null);
    }

    /** One bulk request; returns the operations to try again. */
    private ItemRetries send(List<DocumentOperation> operations) throws RetryingWriter.RetriableException {
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

    private ItemRetries send(List<DocumentOperation> operations, BulkBody body)
            throws RetryingWriter.RetriableException {
        for (DocumentOperation operation : operations) {
            versionGuard.sent(operation.version());
            body.add(operation);
        }
        Response response;
        long started = System.nanoTime();
        try {
            Request request = new Request("POST", "/_bulk");
            request.addParameter("filter_path", BulkResponseReader.FILTER_PATH);
            request.setEntity(body.entity());
            response = restClient.performRequest(request);
        } catch (ResponseException e) {
            throw refused(e);
        } catch (IOException e) {
            throw new RetryingWriter.RetriableException("bulk request failed", e);
        }
        if (response.getEntity() == null) {
            throw new RetryingWriter.RetriableException("bulk request answered " + response.getStatusLine()
                    .getStatusCode() + " without a body", null, RetryCause.SERVER_ERROR);
        }
        ItemRetries again = new ItemRetries();
        try (InputStream content = response.getEntity().getContent()) {
            BulkResponseReader.read(content, (position, status, type, reason, causedBy) ->
                    failed(operations.get(position), status, type, reason, causedBy, again));
        } catch (IOException e) {
            throw new RetryingWriter.RetriableException("bulk response could not be read", e);
        }
        // once per request, answer read: what Elasticsearch took, not the retries around it
        metrics.bulkRequest(System.nanoTime() - started, body.size(), operations.size());
        return again;
    }

    /** The items of one bulk response to send again (429/5xx), and the status that says why. */
    private static final class ItemRetries {
        private final List<DocumentOperation> operations = new ArrayList<>();
        private RetryCause cause;

        void add(DocumentOperation operation, int status) {
            operations.add(operation);
            // overload is the likelier story of a mixed response: one 429 labels the retry
            if (cause != RetryCause.TOO_MANY_REQUESTS) {
                cause = RetryCause.ofStatus(status);
            }
        }

        List<DocumentOperation> operations() {
            return operations;
        }

        void throwIfAny(String what) throws RetryingWriter.RetriableException {
            if (!operations.isEmpty()) {
                throw new RetryingWriter.RetriableException(operations.size() + " " + what
                        + " refused for now (429/5xx)", null, cause);
            }
        }
    }

    /** Judges one failed item: done (409), retried alone (429/5xx), or the end of the daemon. */
    private void failed(DocumentOperation operation, int status, String type, String reason, String causedBy,
                        ItemRetries again) {
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
            again.add(operation, status);
            return;
        }
        throw new SinkRejectedException("Elasticsearch rejected the document of table " + operation.table()
                + " with id '" + operation.id() + "' in index '" + operation.index() + "' (version "
                + operation.version() + "): " + status + " " + type + ": " + reason
                + (causedBy != null ? " (caused by " + causedBy + ")" : "")
                + ". Fix the index mapping or the binlog-sync mapping, then restart: the position was not advanced");
    }

    /**
     * A refused request as a whole: retried when it may pass (408, 429, 5xx), the end of the daemon otherwise, with
     * the words of {@link JsonCalls} (what to fix for 401, 403, 406).
     */
    private RetryingWriter.RetriableException refused(ResponseException cause) {
        RefusedRequestException refused = calls.refused("POST", "/_bulk", cause);
        if (refused.retriable()) {
            return new RetryingWriter.RetriableException("bulk request answered " + refused.status(), refused,
                    RetryCause.ofStatus(refused.status()));
        }
        throw new SinkRejectedException(refused.getMessage()
                + (refused.status() == 413 ? "; lower elasticsearch.bulk.max-bytes" : ""), refused);
    }

    /** Which server the cluster is (asked once); an {@link UnsupportedServerException} when not a supported one. */
    public SearchServer server() throws IOException {
        return detection.server();
    }

    /**
     * Which server the cluster is, waiting while it is unreachable or busy (as writes do); a
     * {@link SinkRejectedException} when it refuses the question or is not a supported server.
     */
    public SearchServer awaitServer() throws InterruptedException {
        SearchServer[] found = new SearchServer[1];
        retrying.run(() -> {
            try {
                found[0] = detection.server();
            } catch (UnsupportedServerException e) {
                throw new SinkRejectedException(e.getMessage(), e);
            } catch (RefusedRequestException e) {
                if (!e.retriable()) {
                    throw new SinkRejectedException(e.getMessage(), e);
                }
                throw new RetryingWriter.RetriableException("asking which server it is answered " + e.status(), e,
                        RetryCause.ofStatus(e.status()));
            } catch (IOException e) {
                throw new RetryingWriter.RetriableException("asking which server it is failed", e);
            }
        });
        return found[0];
    }

    /** Whether the cluster answers and is not red. */
    @Override
    public void ping() throws IOException {
        JsonNode health = calls.call("GET", "/_cluster/health", null)
                .orElseThrow(() -> new IOException("Elasticsearch " + hosts + " has no cluster health API (404)"));
        if ("red".equals(health.path("status").asText())) {
            throw new IOException("cluster " + health.path("cluster_name").asText() + " at " + hosts + " is red");
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
