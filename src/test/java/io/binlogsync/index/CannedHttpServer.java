package io.binlogsync.index;

import com.sun.net.httpserver.HttpServer;
import org.apache.http.HttpHost;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real HTTP server on a free local port that answers each method and path with a canned status, body and headers
 * (500 for anything not set), and keeps the last body sent to each.
 */
final class CannedHttpServer implements AutoCloseable {
    record Answer(int status, String contentType, String body, Map<String, String> headers) {
        static Answer json(int status, String body) {
            return new Answer(status, "application/json", body, Map.of());
        }

        Answer withHeader(String name, String value) {
            Map<String, String> more = new java.util.HashMap<>(headers);
            more.put(name, value);
            return new Answer(status, contentType, body, more);
        }
    }

    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, String> requestBodies = new ConcurrentHashMap<>();
    private final HttpServer server;

    CannedHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String key = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
            requestBodies.put(key, new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            Answer answer = answers.getOrDefault(key, Answer.json(500, "{\"error\":\"no answer set for " + key + "\"}"));
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", answer.contentType());
            answer.headers().forEach(exchange.getResponseHeaders()::add);
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(answer.status(), head || body.length == 0 ? -1 : body.length);
            if (!head && body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
    }

    /** Answers {@code request} ("GET /path") so from now on. */
    void answer(String request, Answer answer) {
        answers.put(request, answer);
    }

    /** The body of the last {@code request} ("POST /path") received. */
    String receivedBody(String request) {
        return requestBodies.get(request);
    }

    HttpHost host() {
        return new HttpHost("127.0.0.1", server.getAddress().getPort(), "http");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
