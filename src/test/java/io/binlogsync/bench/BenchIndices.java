package io.binlogsync.bench;

import io.binlogsync.testing.servers.ElasticsearchServer;
import io.binlogsync.testing.HttpResult;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The benchmark's indices: one shard, no replica, a fresh one per run (external versions would refuse a replay). */
final class BenchIndices {
    private static final Pattern COUNT = Pattern.compile("\"count\"\\s*:\\s*(\\d+)");
    private final ElasticsearchServer elasticsearch;

    BenchIndices(ElasticsearchServer elasticsearch) {
        this.elasticsearch = elasticsearch;
    }

    void create(String index) {
        require(elasticsearch.request("PUT", "/" + index,
                "{\"settings\":{\"index\":{\"number_of_shards\":1,\"number_of_replicas\":0}}}"), "create " + index);
    }

    /** Checks the index holds {@code expected} documents, then deletes it. */
    void verifyAndDelete(String index, long expected) {
        elasticsearch.refresh(index);
        HttpResult result = require(elasticsearch.request("GET", "/" + index + "/_count", null), "count " + index);
        Matcher count = COUNT.matcher(result.body());
        long actual = count.find() ? Long.parseLong(count.group(1)) : -1;
        require(elasticsearch.request("DELETE", "/" + index, null), "delete " + index);
        if (actual != expected) {
            throw new IllegalStateException("index " + index + " holds " + actual + " documents, expected " + expected);
        }
    }

    private static HttpResult require(HttpResult result, String what) {
        if (!result.isSuccess()) {
            throw new IllegalStateException(what + " answered " + result.status() + ": " + result.body());
        }
        return result;
    }
}
