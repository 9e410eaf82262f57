package io.binlogsync.sink.es;

import io.binlogsync.index.RestClients;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.TransportException;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import io.binlogsync.config.ElasticsearchConfig;
import io.binlogsync.mapping.ClearIndex;
import io.binlogsync.mapping.DeleteDocument;
import io.binlogsync.mapping.DocumentOperation;
import io.binlogsync.mapping.IndexDocument;
import io.binlogsync.retry.OutageLog;
import io.binlogsync.sink.RetryingWriter;
import io.binlogsync.sink.Sink;
import io.binlogsync.sink.SinkBatch;
import io.binlogsync.sink.SinkRejectedException;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Lock;

/**
 * Writes documents through the {@code _bulk} API with external versions, so an older change replayed after a
 * newer one is refused by Elasticsearch (a 409 conflict, which here means "already newer": success). Items that
 * fail with 429 or 5xx are retried alone; any other item failure stops the daemon with the table, id, index and
 * Elasticsearch's reason.
 */
public final class ElasticsearchSink implements Sink {
    private static final Logger log = LoggerFactory.getLogger(ElasticsearchSink.class);

    private final RestClient restClient;
    private final ElasticsearchClient client;
    private final RetryingWriter retrying;
    private final VersionConflicts versionGuard;
    private final DualWrites dualWrites = new DualWrites();

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
        List<List<DocumentOperation>> pending = new ArrayList<>(List.of(dualWrites.withCopies(batch.documents())));
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
        BulkResponse response;
        try {
            response = client.bulk(BulkRequest.of(request -> request.operations(toBulk(operations))));
        } catch (ElasticsearchException e) {
            if (e.status() == 429 || e.status() >= 500) {
                throw new RetryingWriter.RetriableException("bulk request answered " + e.status(), e);
            }
            throw new SinkRejectedException("Elasticsearch refused a bulk request (" + e.status() + "): "
                    + e.getMessage() + "; check elasticsearch.hosts, credentials and privileges", e);
        } catch (TransportException e) {
            if (e.statusCode() == 401 || e.statusCode() == 403) {
                throw new SinkRejectedException("Elasticsearch refused the credentials (" + e.statusCode() + "): "
                        + e.getMessage() + "; check elasticsearch.username and password and their privileges", e);
            }
            if (e.statusCode() >= 400 && e.statusCode() < 500 && e.statusCode() != 408 && e.statusCode() != 429) {
                throw new SinkRejectedException("Elasticsearch refused a bulk request (" + e.statusCode() + "): "
                        + e.getMessage() + (e.statusCode() == 413 ? "; lower elasticsearch.bulk.max-bytes" : ""), e);
            }
            throw new RetryingWriter.RetriableException("bulk request failed", e);
        } catch (IOException e) {
            throw new RetryingWriter.RetriableException("bulk request failed", e);
        }
        if (!response.errors()) {
            return List.of();
        }
        List<DocumentOperation> again = new ArrayList<>();
        List<BulkResponseItem> items = response.items();
        for (int i = 0; i < items.size(); i++) {
            BulkResponseItem item = items.get(i);
            ErrorCause error = item.error();
            if (error == null) {
                continue;
            }
            DocumentOperation operation = operations.get(i);
            if (item.status() == 409) {
                versionGuard.requirePlausible(operation, error.reason());
                continue;
            }
            if (dualWrites.isNewIndex(operation.index())) {
                // not retried, even for 429/5xx: the live stream must never wait for the index being built
                dualWrites.rejected("the new index " + operation.index() + " refused the document of table "
                        + operation.table() + " with id '" + operation.id() + "': " + item.status() + " "
                        + error.type() + ": " + error.reason());
                continue;
            }
            if (item.status() == 429 || item.status() >= 500) {
                again.add(operation);
                continue;
            }
            throw new SinkRejectedException("Elasticsearch rejected the document of table " + operation.table()
                    + " with id '" + operation.id() + "' in index '" + operation.index() + "' (version "
                    + operation.version() + "): " + item.status() + " " + error.type() + ": " + error.reason()
                    + (error.causedBy() != null ? " (caused by " + error.causedBy().reason() + ")" : "")
                    + ". Fix the index mapping or the binlog-sync mapping, then restart: the position was not advanced");
        }
        return again;
    }

    private List<BulkOperation> toBulk(List<DocumentOperation> operations) {
        List<BulkOperation> bulk = new ArrayList<>(operations.size());
        for (DocumentOperation operation : operations) {
            versionGuard.sent(operation.version());
            if (operation instanceof IndexDocument index) {
                bulk.add(BulkOperation.of(b -> b.index(i -> i.index(index.index()).id(index.id())
                        .version(index.version()).versionType(VersionType.External)
                        .document(BinaryData.of(index.source(), ContentType.APPLICATION_JSON)))));
            } else if (operation instanceof DeleteDocument delete) {
                bulk.add(BulkOperation.of(b -> b.delete(d -> d.index(delete.index())
                        .id(delete.id()).version(delete.version()).versionType(VersionType.External))));
            }
        }
        return bulk;
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
