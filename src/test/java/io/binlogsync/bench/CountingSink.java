package io.binlogsync.bench;

import io.binlogsync.mapping.DocumentOperation;
import io.binlogsync.mapping.IndexDocument;
import io.binlogsync.sink.Sink;
import io.binlogsync.sink.SinkBatch;

import java.util.concurrent.atomic.AtomicLong;

/** Stands in for Elasticsearch and Redis in the reading-alone mode: counts what it is given and acknowledges it. */
final class CountingSink implements Sink {
    private final AtomicLong documents = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong keys = new AtomicLong();

    @Override
    public String name() {
        return "counting";
    }

    @Override
    public void write(SinkBatch batch) {
        long size = 0;
        for (DocumentOperation operation : batch.documents()) {
            if (operation instanceof IndexDocument index) {
                size += index.source().length;
            }
        }
        documents.addAndGet(batch.documents().size());
        bytes.addAndGet(size);
        keys.addAndGet(batch.keys().size());
    }

    long documents() {
        return documents.get();
    }

    long bytes() {
        return bytes.get();
    }

    long keys() {
        return keys.get();
    }

    @Override
    public void ping() {
    }

    @Override
    public void close() {
    }
}
