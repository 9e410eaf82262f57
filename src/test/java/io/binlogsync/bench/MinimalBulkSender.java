package io.binlogsync.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The smallest client that can post prebuilt {@code _bulk} bodies: the JDK's HTTP client, {@code inFlight} threads
 * each sending the next body and waiting for its answer, and a response cut by {@code filter_path} to the error
 * flag and the error types. A version conflict (an older change overtaken by a newer one in another request in
 * flight) is what the daemon accepts too; any other item error fails the run.
 */
final class MinimalBulkSender {
    private static final String FILTER = "?filter_path=errors,items.*.error.type";
    private static final Pattern ERROR_TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([^\"]+)\"");

    private final URI bulk;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    MinimalBulkSender(String elasticsearchUrl) {
        this.bulk = URI.create(elasticsearchUrl + "/_bulk" + FILTER);
    }

    /** Posts every body, at most {@code inFlight} at a time; returns once all are answered. */
    void send(List<byte[]> bodies, int inFlight, Duration deadline) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(inFlight);
        try {
            List<Future<?>> senders = new ArrayList<>();
            for (int i = 0; i < inFlight; i++) {
                senders.add(threads.submit(() -> {
                    for (int body = next.getAndIncrement(); body < bodies.size(); body = next.getAndIncrement()) {
                        post(bodies.get(body), body);
                    }
                    return null;
                }));
            }
            long end = System.nanoTime() + deadline.toNanos();
            for (Future<?> sender : senders) {
                sender.get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private void post(byte[] body, int number) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(bulk).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("ceiling: bulk request " + number + " to " + bulk + " answered "
                    + response.statusCode() + ": " + shortened(response.body()));
        }
        if (!response.body().contains("\"errors\":false")) {
            Matcher type = ERROR_TYPE.matcher(response.body());
            while (type.find()) {
                if (!type.group(1).equals("version_conflict_engine_exception")) {
                    throw new IllegalStateException("ceiling: bulk request " + number + " has an item error "
                            + type.group(1) + ": " + shortened(response.body()));
                }
            }
        }
    }

    private static String shortened(String body) {
        return body.length() <= 500 ? body : body.substring(0, 500) + "...";
    }
}
