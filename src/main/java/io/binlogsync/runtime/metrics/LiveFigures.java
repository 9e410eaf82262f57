package io.binlogsync.runtime.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.binlogsync.config.MetricsConfig;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A running daemon's own figures, asked of its endpoint for {@code status}: lag in seconds and bytes, rows read, and
 * ready or why not. Never fails: an endpoint that does not answer is said so in the line.
 */
public final class LiveFigures {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    public LiveFigures(MetricsConfig config) {
        this.base = "http://" + hostToAsk(config.host()) + ":" + config.port();
    }

    /** Where to ask: a wildcard listen address is asked on the loopback; an IPv6 literal goes in brackets. */
    static String hostToAsk(String host) {
        if (host.isEmpty() || host.equals("0.0.0.0")) {
            return "127.0.0.1";
        }
        if (host.equals("::") || host.equals("0:0:0:0:0:0:0:0")) {
            return "[::1]";
        }
        return host.contains(":") ? "[" + host + "]" : host;
    }

    /** "lag 0 s, 0 bytes; 45 rows read; ready (from http://127.0.0.1:9404)", or why there are no figures. */
    public String line() {
        String scrape;
        HttpResponse<String> ready;
        try {
            HttpResponse<String> metrics = get("/metrics");
            if (metrics.statusCode() != 200) {
                return "the metrics endpoint " + base + " answered " + metrics.statusCode() + " to /metrics";
            }
            scrape = metrics.body();
            ready = get("/ready");
        } catch (IOException e) {
            return "the metrics endpoint " + base + " does not answer (" + e + "); is metrics.listen the"
                    + " running daemon's?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while asking the metrics endpoint " + base;
        }
        List<String> parts = new ArrayList<>();
        parts.add("lag " + seconds(PrometheusText.sum(scrape, "binlogsync_lag_seconds")) + ", "
                + whole(PrometheusText.sum(scrape, "binlogsync_lag_bytes"), "bytes"));
        parts.add(whole(PrometheusText.sum(scrape, "binlogsync_rows_read_total"), "rows read"));
        parts.add(readiness(ready));
        return String.join("; ", parts) + " (from " + base + ")";
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String readiness(HttpResponse<String> ready) {
        if (ready.statusCode() == 200) {
            return "ready";
        }
        try {
            JsonNode body = new ObjectMapper().readTree(ready.body());
            List<String> reasons = new ArrayList<>();
            body.path("reasons").forEach(reason -> reasons.add(reason.asText()));
            if (!reasons.isEmpty()) {
                return "NOT ready: " + String.join("; ", reasons);
            }
        } catch (IOException e) {
            // not the daemon's JSON: say what was answered
        }
        return "NOT ready (/ready answered " + ready.statusCode() + ")";
    }

    private static String seconds(double value) {
        return Double.isNaN(value) ? "unknown s" : String.format(Locale.ROOT, "%.0f s", value);
    }

    private static String whole(double value, String unit) {
        return Double.isNaN(value) ? "unknown " + unit : String.format(Locale.ROOT, "%d %s", (long) value, unit);
    }
}
