package io.binlogsync.config;

import java.time.Duration;
import java.util.Optional;

/** Reads {@code metrics { ... }}; without {@code listen} there is no endpoint (the default). */
final class MetricsConfigReader {

    private static final String HOW = "write listen = \"127.0.0.1:9404\" (a local address: the endpoint has no login)";

    private MetricsConfigReader() {
    }

    /** Empty when the endpoint is off or a problem was reported. */
    static Optional<MetricsConfig> read(Section metrics) {
        Optional<String> listen = metrics.isAbsent("listen") ? Optional.empty() : metrics.string("listen");
        Optional<Duration> readyMaxLag = metrics.positiveDuration("ready-max-lag");
        Optional<Duration> wedgedAfter = metrics.positiveDuration("wedged-after");
        metrics.rejectUnknownKeys();
        if (listen.isEmpty() || readyMaxLag.isEmpty() || wedgedAfter.isEmpty()) {
            return Optional.empty();
        }
        String text = listen.get().strip();
        int colon = text.lastIndexOf(':');
        if (colon <= 0) {
            metrics.problem("listen", "is \"" + text + "\", not host:port; " + HOW);
            return Optional.empty();
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) {
            metrics.problem("listen", "has port \"" + text.substring(colon + 1) + "\", not 0 to 65535; " + HOW);
            return Optional.empty();
        }
        return Optional.of(new MetricsConfig(host, port, readyMaxLag.get(), wedgedAfter.get()));
    }
}
