package io.binlogsync.testing;

import io.binlogsync.runtime.metrics.PrometheusText;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A daemon's metrics endpoint on a free local port, as the tests read it: the config line, GETs and scraped values. */
public final class MetricsEndpoint {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final int port = FreePort.find();

    /** The {@code metrics} config block listening here, with {@code settings} (e.g. {@code ready-max-lag = 2s}) added. */
    public String config(String... settings) {
        StringBuilder block = new StringBuilder("metrics { listen = \"" + listen() + "\"");
        for (String setting : settings) {
            block.append(", ").append(setting);
        }
        return block.append(" }\n").toString();
    }

    /** Where it listens: {@code 127.0.0.1:PORT}. */
    public String listen() {
        return "127.0.0.1:" + port;
    }

    /** Its base address: {@code http://127.0.0.1:PORT}. */
    public String base() {
        return "http://" + listen();
    }

    /** GET {@code path}; an endpoint that does not answer within 5 s is an {@link UncheckedIOException}. */
    public HttpResponse<String> get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The body of one {@code /metrics} scrape. */
    public String scrape() {
        return get("/metrics").body();
    }

    /** The sum of {@code name}'s samples in {@code scrape} whose labels include all of {@code labels}. */
    public static double value(String scrape, String name, String... labels) {
        return PrometheusText.sum(scrape, name, labels);
    }
}
