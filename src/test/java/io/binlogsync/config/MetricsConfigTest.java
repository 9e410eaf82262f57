package io.binlogsync.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static io.binlogsync.config.ConfigTestSupport.MINIMAL;
import static io.binlogsync.config.ConfigTestSupport.assertOnlyProblem;
import static io.binlogsync.config.ConfigTestSupport.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The {@code metrics} section: off unless {@code listen} is set. */
class MetricsConfigTest {

    @Test
    void offByDefault() {
        assertEquals(Optional.empty(), parse(MINIMAL).metrics());
    }

    @Test
    void listenTurnsTheEndpointOnWithTheDefaultLagBound() {
        assertEquals(Optional.of(new MetricsConfig("127.0.0.1", 9404, Duration.ofSeconds(60))),
                parse(MINIMAL + "metrics.listen = \"127.0.0.1:9404\"\n").metrics());
    }

    @Test
    void readsAnIpv6AddressAndTheLagBound() {
        assertEquals(Optional.of(new MetricsConfig("::1", 9404, Duration.ofSeconds(5))),
                parse(MINIMAL + "metrics { listen = \"[::1]:9404\", ready-max-lag = 5s }\n").metrics());
    }

    @Test
    void readsTheWedgedBound() {
        assertEquals(Optional.of(new MetricsConfig("127.0.0.1", 9404, Duration.ofSeconds(60), Duration.ofSeconds(90))),
                parse(MINIMAL + "metrics { listen = \"127.0.0.1:9404\", wedged-after = 90s }\n").metrics());
    }

    @Test
    void aListenWithoutPortIsNamedWithTheFix() {
        assertOnlyProblem("metrics.listen = \"localhost\"\n", "metrics.listen", "not host:port", "127.0.0.1:9404");
    }

    @Test
    void aPortOutOfRangeIsNamed() {
        assertOnlyProblem("metrics.listen = \"127.0.0.1:70000\"\n", "metrics.listen", "70000", "0 to 65535");
    }

    @Test
    void anUnknownKeyIsNamed() {
        assertOnlyProblem("metrics.port = 9404\n", "metrics.port");
    }
}
