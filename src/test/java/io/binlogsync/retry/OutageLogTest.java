package io.binlogsync.retry;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.binlogsync.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutageLogTest {
    private final Logger logger = (Logger) LoggerFactory.getLogger("io.binlogsync.test.OutageLogTest");
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final ManualClock clock = new ManualClock();

    @BeforeEach
    void listen() {
        lines.start();
        logger.addAppender(lines);
        logger.setLevel(Level.DEBUG);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(lines);
    }

    private List<ILoggingEvent> at(Level level) {
        return lines.list.stream().filter(e -> e.getLevel() == level).toList();
    }

    @Test
    void anOutageIsOneWarnWhenItBeginsAndOneInfoWithItsLengthWhenItEnds() {
        OutageLog outage = new OutageLog(logger, "Redis 127.0.0.1:6379", clock);
        IOException refused = new IOException("Connection refused");
        for (int attempt = 0; attempt < 50; attempt++) {
            outage.failed(refused, Duration.ofSeconds(1));
            clock.advance(Duration.ofSeconds(2));
        }
        outage.recovered();
        outage.recovered();
        assertEquals(1, at(Level.WARN).size());
        assertTrue(at(Level.WARN).get(0).getFormattedMessage().startsWith(
                "Redis 127.0.0.1:6379 unavailable: Connection refused;"), at(Level.WARN).get(0).getFormattedMessage());
        assertEquals(49, at(Level.DEBUG).size());
        assertEquals(List.of("Redis 127.0.0.1:6379 available again after 100 s and 50 failed attempts"),
                at(Level.INFO).stream().map(ILoggingEvent::getFormattedMessage).toList());
    }

    @Test
    void severalFailingCallersMakeOneOutage() {
        OutageLog outage = new OutageLog(logger, "Elasticsearch", clock);
        outage.callerFailed(new IOException("timeout"), Duration.ofSeconds(1));
        outage.callerFailed(new IOException("timeout"), Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(7));
        outage.callerDone(true);
        assertTrue(outage.inOutage(), "one caller still fails");
        outage.callerDone(true);
        assertEquals(1, at(Level.WARN).size());
        assertEquals(1, at(Level.INFO).size());
        assertTrue(at(Level.INFO).get(0).getFormattedMessage().contains("after 7 s"));
    }
}
