package io.binlogsync.config;

import java.time.Duration;

/**
 * {@code metrics { ... }}: the HTTP endpoint serving {@code /metrics}, {@code /health} and {@code /ready} on
 * {@code host:port}; {@code readyMaxLag} is the lag above which {@code /ready} says not ready.
 */
public record MetricsConfig(String host, int port, Duration readyMaxLag) {
}
