package io.binlogsync.progress;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.binlogsync.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LogProgressTest {
    private final Logger logger = (Logger) LoggerFactory.getLogger(LogProgress.class);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @BeforeEach
    void listen() {
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(lines);
    }

    @Test
    void logsALineEveryIntervalAndOneWhenTheTableIsDone() {
        ManualClock clock = new ManualClock();
        LogProgress progress = new LogProgress("copying", clock, Duration.ofSeconds(10));

        progress.begin("shop.items", 1_000);
        clock.advance(Duration.ofSeconds(5));
        progress.advance(100);
        clock.advance(Duration.ofSeconds(5));
        progress.advance(100);
        clock.advance(Duration.ofSeconds(2));
        progress.advance(50);
        progress.end();

        assertEquals(List.of("copying shop.items (~1000 rows)",
                "shop.items: 200 / ~1,000 rows (20%), ~40s left, 20 rows/s",
                "done: shop.items: 250 rows, 21 rows/s"),
                lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
    }
}
