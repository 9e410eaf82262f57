package io.binlogsync.runtime.metrics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrometheusTextTest {
    private static final String SCRAPE = """
            # HELP binlogsync_rows_read_total Rows read from the binlog
            # TYPE binlogsync_rows_read_total counter
            binlogsync_rows_read_total{kind="insert",table="shop.items"} 30.0
            binlogsync_rows_read_total{kind="update",table="shop.items"} 10.0
            binlogsync_rows_read_total{kind="insert",table="shop.orders"} 2.0
            binlogsync_rows_read_totally_other 7.0
            binlogsync_lag_bytes NaN
            binlogsync_bulk_request_seconds_bucket{le="+Inf"} 3
            """;

    @Test
    void sumsTheSamplesOfANameWhoseLabelsIncludeTheGivenOnes() {
        assertEquals(42, PrometheusText.sum(SCRAPE, "binlogsync_rows_read_total"), "not the longer name");
        assertEquals(32, PrometheusText.sum(SCRAPE, "binlogsync_rows_read_total", "kind=\"insert\""));
        assertEquals(30, PrometheusText.sum(SCRAPE, "binlogsync_rows_read_total", "kind=\"insert\"",
                "table=\"shop.items\""));
        assertEquals(3, PrometheusText.sum(SCRAPE, "binlogsync_bulk_request_seconds_bucket", "le=\"+Inf\""));
    }

    @Test
    void noSampleIsNaNAndSoIsANaNSample() {
        assertTrue(Double.isNaN(PrometheusText.sum(SCRAPE, "binlogsync_retries_total")));
        assertTrue(Double.isNaN(PrometheusText.sum(SCRAPE, "binlogsync_lag_bytes")));
    }

    @Test
    void aWildcardListenAddressIsAskedOnTheLoopback() {
        assertEquals("127.0.0.1", LiveFigures.hostToAsk("0.0.0.0"));
        assertEquals("[::1]", LiveFigures.hostToAsk("::"));
        assertEquals("[fe80::1]", LiveFigures.hostToAsk("fe80::1"));
        assertEquals("10.0.0.5", LiveFigures.hostToAsk("10.0.0.5"));
    }
}
