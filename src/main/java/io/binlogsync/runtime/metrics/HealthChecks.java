package io.binlogsync.runtime.metrics;

import java.util.List;

/** What {@code /health} and {@code /ready} report: empty lists mean healthy and ready. */
public interface HealthChecks {

    /** Why the process is not healthy (its pipeline has failed), if it is not. */
    List<String> unhealthy();

    /** Each link that is down (source, Elasticsearch, Redis) and a lag over the bound, each with its reason. */
    List<String> notReady();
}
