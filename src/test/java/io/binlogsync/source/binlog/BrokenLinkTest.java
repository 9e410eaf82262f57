package io.binlogsync.source.binlog;

import com.github.shyiko.mysql.binlog.event.deserialization.EventDataDeserializationException;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLException;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class BrokenLinkTest {

    private static EventDataDeserializationException midEvent(Throwable cause) {
        return new EventDataDeserializationException(new EventHeaderV4(), cause);
    }

    @Test
    void aReadTimeoutInTheMiddleOfAnEventIsTheLink() {
        SocketTimeoutException timeout = new SocketTimeoutException("Read timed out");
        assertSame(timeout, BrokenLink.in(midEvent(timeout)).orElseThrow());
    }

    @Test
    void aTlsFailureInTheMiddleOfAnEventIsTheLink() {
        SSLException tls = new SSLException("Connection reset");
        assertSame(tls, BrokenLink.in(midEvent(new IOException("wrapped", tls))).orElseThrow());
    }

    @Test
    void undecodableDataIsNotTheLink() {
        assertEquals(Optional.empty(), BrokenLink.in(midEvent(new IOException("Unsupported column type 255"))));
        assertEquals(Optional.empty(), BrokenLink.in(midEvent(new EOFException("truncated event"))));
        assertEquals(Optional.empty(), BrokenLink.in(new IllegalStateException("no table map")));
    }
}
