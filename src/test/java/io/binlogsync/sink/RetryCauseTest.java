package io.binlogsync.sink;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RetryCauseTest {

    @Test
    void statusesSortIntoTimeoutOverloadAndServerError() {
        assertEquals(RetryCause.TIMEOUT, RetryCause.ofStatus(408));
        assertEquals(RetryCause.TIMEOUT, RetryCause.ofStatus(504));
        assertEquals(RetryCause.TOO_MANY_REQUESTS, RetryCause.ofStatus(429));
        assertEquals(RetryCause.SERVER_ERROR, RetryCause.ofStatus(503));
        assertEquals("too_many_requests", RetryCause.TOO_MANY_REQUESTS.label());
    }

    @Test
    void aTimeoutAmongTheCausesIsATimeoutAndAnythingElseUnavailable() {
        assertEquals(RetryCause.TIMEOUT, RetryCause.of(new IOException("bulk", new SocketTimeoutException("read"))));
        assertEquals(RetryCause.UNAVAILABLE, RetryCause.of(new ConnectException("Connection refused")));
        assertEquals(RetryCause.UNAVAILABLE, RetryCause.of(null));
        assertEquals(RetryCause.UNAVAILABLE,
                new RetryingWriter.RetriableException("bulk request failed", new ConnectException("refused")).reason());
    }
}
