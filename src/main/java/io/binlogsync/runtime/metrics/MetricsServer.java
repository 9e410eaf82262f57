package io.binlogsync.runtime.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.binlogsync.config.MetricsConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The HTTP endpoint: {@code /metrics} (Prometheus text from the registry), {@code /health} and {@code /ready}
 * (JSON: {@code status} and, when not 200, the {@code reasons}). One thread of its own; {@link #close()} stops it.
 */
public final class MetricsServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService thread;
    private final ObjectMapper json = new ObjectMapper();

    public MetricsServer(MetricsConfig config, PrometheusMeterRegistry registry, HealthChecks checks) {
        try {
            server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + config.host() + ":" + config.port()
                    + " for metrics: " + e.getMessage() + "; free the port or change metrics.listen", e);
        }
        server.createContext("/metrics", exchange -> send(exchange, 200,
                "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
        server.createContext("/health", exchange -> sendStatus(exchange, checks.unhealthy()));
        server.createContext("/ready", exchange -> sendStatus(exchange, checks.notReady()));
        thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread t = new Thread(runnable, "metrics-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(thread);
    }

    public void start() {
        server.start();
    }

    /** The port listened on (the configured one, or the one chosen for port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    private void sendStatus(HttpExchange exchange, List<String> reasons) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", reasons.isEmpty() ? "ok" : "down");
        if (!reasons.isEmpty()) {
            body.put("reasons", reasons);
        }
        send(exchange, reasons.isEmpty() ? 200 : 503, "application/json", json.writeValueAsString(body));
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        try (exchange) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        thread.shutdownNow();
    }
}
