package io.binlogsync.runtime.metrics;

import io.binlogsync.sink.RetryCause;
import io.binlogsync.sink.SinkMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The sinks' figures as Micrometer meters: retries by sink and cause, each {@code _bulk} request's latency, bytes and
 * actions (histograms, one record per request), and documents coalesced per index. Meters are kept once resolved.
 */
final class MicrometerSinkMetrics implements SinkMetrics {
    private final MeterRegistry registry;
    private final Timer bulkLatency;
    private final DistributionSummary bulkBytes;
    private final DistributionSummary bulkActions;
    private final Map<String, Counter> retries = new ConcurrentHashMap<>();
    private final Map<String, Counter> coalesced = new ConcurrentHashMap<>();

    MicrometerSinkMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.bulkLatency = Timer.builder("binlogsync_bulk_request")
                .description("Time of one _bulk request to Elasticsearch, from sending to the answer read")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(60)).register(registry);
        this.bulkBytes = DistributionSummary.builder("binlogsync_bulk_request_bytes").baseUnit("bytes")
                .description("Body size of one _bulk request").publishPercentileHistogram()
                .minimumExpectedValue(256.0).maximumExpectedValue(256.0 * 1024 * 1024).register(registry);
        this.bulkActions = DistributionSummary.builder("binlogsync_bulk_request_actions")
                .description("Operations (index or delete) in one _bulk request").publishPercentileHistogram()
                .minimumExpectedValue(1.0).maximumExpectedValue(100_000.0).register(registry);
    }

    @Override
    public void retried(String sink, RetryCause cause) {
        retries.computeIfAbsent(sink + '\0' + cause.label(), key -> Counter.builder("binlogsync_retries")
                .description("Attempts that failed and were tried again after a backoff (whole batches and the"
                        + " items Elasticsearch refused with 429/5xx)")
                .tag("sink", sink).tag("cause", cause.label()).register(registry)).increment();
    }

    @Override
    public void bulkRequest(long nanos, int bytes, int actions) {
        bulkLatency.record(nanos, TimeUnit.NANOSECONDS);
        bulkBytes.record(bytes);
        bulkActions.record(actions);
    }

    @Override
    public void documentsCoalesced(String index, int count) {
        coalesced.computeIfAbsent(index, name -> Counter.builder("binlogsync_documents_coalesced")
                .description("Operations left out of bulk requests because a newer one of the same document went"
                        + " instead").tag("index", name).register(registry)).increment(count);
    }
}
