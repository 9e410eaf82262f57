package io.binlogsync.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;

/**
 * A tiny HTTPS server on a free port of 127.0.0.1 that answers every request with {@code {}} and records the
 * headers it received. When a user is required, a request without an {@code Authorization} header is answered 401
 * with a Basic challenge, as Elasticsearch does; any header present is accepted, so tests check what was sent.
 * One connection per request ({@code Connection: close}).
 */
public final class HttpsTestServer implements AutoCloseable {

    private final ServerSocket socket;
    private final Thread acceptor;
    private final boolean challenge;
    private final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();

    private HttpsTestServer(SSLContext context, boolean challenge) throws IOException {
        this.socket = context.getServerSocketFactory().createServerSocket(0, 10, InetAddress.getLoopbackAddress());
        this.challenge = challenge;
        this.acceptor = new Thread(this::accept, "https-test-server-" + socket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** @param challengeWithoutAuthorization answer 401 to requests that carry no Authorization header */
    public static HttpsTestServer start(TestCertificates.ServerCertificate certificate,
                                        boolean challengeWithoutAuthorization) {
        try {
            return new HttpsTestServer(certificate.serverContext(), challengeWithoutAuthorization);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on 127.0.0.1", e);
        }
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** Headers (names in lower case) of each request received, in order. */
    public List<Map<String, String>> requests() {
        return List.copyOf(requests);
    }

    private void accept() {
        while (!socket.isClosed()) {
            try (Socket connection = socket.accept()) {
                connection.setSoTimeout(10_000);
                answer(connection);
            } catch (IOException e) {
                // a client that refused our certificate (what some tests want), or the socket closed: next one
            }
        }
    }

    private void answer(Socket connection) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(),
                StandardCharsets.ISO_8859_1));
        String requestLine = in.readLine();
        if (requestLine == null) {
            return;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        int contentLength = 0;
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
            int colon = line.indexOf(':');
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            headers.put(name, value);
            if (name.equals("content-length")) {
                contentLength = Integer.parseInt(value);
            }
        }
        in.skip(contentLength);
        requests.add(headers);
        boolean unauthorized = challenge && !headers.containsKey("authorization");
        String body = unauthorized ? "{\"error\":{\"type\":\"security_exception\",\"reason\":\"missing authentication"
                + " credentials\"},\"status\":401}" : "{}";
        String response = (unauthorized ? "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"security\""
                + " charset=\"UTF-8\"\r\n" : "HTTP/1.1 200 OK\r\n")
                + "Content-Type: application/json\r\nX-elastic-product: Elasticsearch\r\nConnection: close\r\n"
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
        OutputStream out = connection.getOutputStream();
        out.write(response.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() {
        try {
            socket.close();
            acceptor.join(5_000);
        } catch (IOException e) {
            throw new IllegalStateException("cannot close the test server on port " + port(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
