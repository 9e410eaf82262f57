package io.binlogsync.config;

import java.time.Duration;

/**
 * {@code metrics { ... }}: the HTTP endpoint serving {@code /metrics}, {@code /health} and {@code /ready} on
 * {@code host:port}; {@code readyMaxLag} is the lag above which {@code /ready} says not ready; {@code wedgedAfter} how long a pipeline
 * thread may be on one piece of work (outside a sink outage) before {@code /health} calls it wedged.
 */
public record MetricsConfig(String host, int port, Duration readyMaxLag, Duration wedgedAfter) {

    /** With the default {@code wedged-after} of 5 minutes. */
    public MetricsConfig(String host, int port, Duration readyMaxLag) {
        this(host, port, readyMaxLag, Duration.ofMinutes(5));
    }
}
