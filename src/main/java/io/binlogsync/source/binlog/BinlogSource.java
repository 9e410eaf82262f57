package io.binlogsync.source.binlog;

import io.binlogsync.source.jdbc.SchemaCatalog;
import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.network.AuthenticationException;
import com.github.shyiko.mysql.binlog.network.SSLMode;
import io.binlogsync.source.tls.SourceTlsSockets;
import com.github.shyiko.mysql.binlog.network.ServerException;
import io.binlogsync.config.DocumentVersions;
import io.binlogsync.config.SourceConfig;
import io.binlogsync.config.TablePattern;
import io.binlogsync.event.BinlogPosition;
import io.binlogsync.event.ChangeEvent;
import io.binlogsync.event.RowsChanged;
import io.binlogsync.event.SourceFailed;
import io.binlogsync.event.TransactionCommitted;
import io.binlogsync.progress.StreamProgress;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.RotateEventData;
import io.binlogsync.event.TableId;
import io.binlogsync.retry.Backoff;
import io.binlogsync.retry.OutageLog;
import io.binlogsync.version.FailoverAdvice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import javax.net.ssl.SSLSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.Set;

/**
 * Follows the source's binlog as a replica and hands {@link ChangeEvent}s to a handler, on its own thread.
 * When the connection drops it reconnects, with capped backoff, from the end of the last whole transaction it
 * handed on. Anything it cannot decode or recover from reaches the handler as {@link SourceFailed}: it never
 * skips an event.
 */
public final class BinlogSource implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BinlogSource.class);
    /**
     * The replication library logs through java.util.logging, at INFO what this class logs itself; its warnings
     * and errors still show. Kept referenced so the level sticks.
     */
    private static final java.util.logging.Logger LIBRARY_LOG = quiet(
            java.util.logging.Logger.getLogger("com.github.shyiko.mysql.binlog"));
    private static final int ER_MASTER_FATAL_ERROR_READING_BINLOG = 1236;
    /** Server errors retrying cannot cure: access denied (1044, 1045, 1142, 1227, 1370) and an unreadable binlog. */
    private static final Set<Integer> FATAL_SERVER_ERRORS = Set.of(1044, 1045, 1142, 1227, 1370,
            ER_MASTER_FATAL_ERROR_READING_BINLOG);

    private static final String LINK = "binlog stream";

    private final SourceConfig config;
    private final SourceTlsSockets sockets;
    private final SchemaCatalog catalog;
    private final Set<TableId> wanted;
    private final java.util.List<TablePattern> followed;
    private final ChangeEventHandler handler;
    private final Backoff backoff;
    private final OutageLog outage;
    private final DocumentVersions versions;
    private volatile BinaryLogClient client;
    private volatile boolean closed;
    private volatile boolean failed;
    private volatile Exception lastFailure;
    private volatile boolean awaitingFirstEvent;
    private Thread thread;
    private EventTranslator translator;
    private StreamStart start;
    private volatile long serverId;
    private final StreamProgress progress;
    private String readingFile;

    public BinlogSource(SourceConfig config, DocumentVersions versions, SchemaCatalog catalog, Set<TableId> wanted,
                        ChangeEventHandler handler, Duration initialBackoff, Duration maxBackoff, Clock clock) {
        this(config, versions, catalog, wanted, java.util.List.of(), handler, initialBackoff, maxBackoff, clock);
    }

    /** @param followed patterns of mappings that name tables by wildcard: rows of any table they match are read */
    public BinlogSource(SourceConfig config, DocumentVersions versions, SchemaCatalog catalog, Set<TableId> wanted,
                        java.util.List<TablePattern> followed, ChangeEventHandler handler, Duration initialBackoff,
                        Duration maxBackoff, Clock clock) {
        this.followed = java.util.List.copyOf(followed);
        this.config = config;
        this.sockets = SourceTlsSockets.of(config.tls());
        this.versions = versions;
        this.catalog = catalog;
        this.wanted = wanted;
        this.handler = handler;
        this.backoff = new Backoff(initialBackoff, maxBackoff);
        this.outage = new OutageLog(log, "source " + config.host() + ":" + config.port(), clock);
        this.progress = new StreamProgress(clock, java.time.Duration.ofMinutes(1));
    }

    /** Rows and commit times read, for the periodic progress line and the lag. */
    public StreamProgress progress() {
        return progress;
    }

    private static java.util.logging.Logger quiet(java.util.logging.Logger logger) {
        logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }

    /** Starts reading at a transaction boundary on a new thread. */
    public synchronized void start(StreamStart from) {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        start = from;
        serverId = from.serverId();
        translator = new EventTranslator(wanted, followed, new ColumnLayoutResolver(catalog), from.position(), from.gtid(),
                versions);
        translator.connectedTo(from.serverId());
        thread = new Thread(this::runLoop, "binlog-source");
        thread.setDaemon(true);
        thread.start();
    }

    private void runLoop() {
        boolean first = true;
        while (!closed && !failed) {
            if (!first) {
                translator.reconnecting();
            }
            first = false;
            BinlogPosition from = translator.resumePosition();
            Optional<String> gtid = start.byGtid() ? translator.gtid() : Optional.empty();
            BinaryLogClient current = newClient(from, gtid);
            client = current;
            lastFailure = null;
            try {
                log.debug("connecting to the binlog of {}:{} at {}", config.host(), config.port(), from);
                current.connect();
            } catch (AuthenticationException e) {
                fail(sockets.explain(LINK, where(), e).orElse("the source refused the login of user '" + config.user()
                        + "' on the " + LINK + " (source.tls.mode = " + config.tls().mode().configName() + ": "
                        + e.getMessage() + "); check source.user and source.password" + sockets.accessDeniedHint()),
                        e, from);
            } catch (IOException e) {
                // waiting cannot make a certificate trusted or give the server TLS: those stop the daemon
                Optional<String> tls = sockets.explain(LINK, where(), e);
                if (tls.isPresent()) {
                    fail(tls.get(), e, from);
                } else {
                    lastFailure = e;
                }
            } catch (RuntimeException | Error e) {
                fail(sockets.explain(LINK, where(), e).orElse("the binlog client failed: " + e), e, from);
            }
            if (closed || failed) {
                break;
            }
            Exception cause = lastFailure;
            if (cause instanceof ServerException server && server.getErrorCode() == ER_MASTER_FATAL_ERROR_READING_BINLOG) {
                fail("the server cannot send the binlog from " + from + gtid.map(g -> " (GTID " + g + ")").orElse("")
                        + ": " + server.getMessage() + ". The file may have been purged; `SHOW BINARY LOGS` lists what"
                        + " the server still has. Do not move the position by hand: resync the indices from a new"
                        + " position instead", server, from);
                break;
            }
            if (cause instanceof ServerException server && FATAL_SERVER_ERRORS.contains(server.getErrorCode())) {
                fail("the server refused replication to user '" + config.user() + "' (error " + server.getErrorCode()
                        + ": " + server.getMessage() + "); GRANT REPLICATION SLAVE, REPLICATION CLIENT ON *.* to it",
                        server, from);
                break;
            }
            Duration wait = backoff.next();
            outage.failed(cause == null ? new IOException("connection closed by the server") : cause, wait);
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                break;
            }
        }
    }

    private BinaryLogClient newClient(BinlogPosition from, Optional<String> gtid) {
        BinaryLogClient created = new BinaryLogClient(config.host(), config.port(), config.user(), config.password());
        created.setServerId(config.serverId());
        if (gtid.isPresent()) {
            // the server finds the transaction after this GTID state in whichever of its files holds it
            created.setGtidSet(gtid.get());
        } else {
            created.setBinlogFilename(from.file());
            created.setBinlogPosition(from.offset());
        }
        created.setKeepAlive(false);
        created.setConnectTimeout(config.connectTimeout().toMillis());
        created.setHeartbeatInterval(config.heartbeatInterval().toMillis());
        int readTimeout = (int) Math.max(config.heartbeatInterval().toMillis() * 4, 10_000);
        created.setSocketFactory(() -> {
            Socket socket = new Socket();
            // the server sends a heartbeat every heartbeat-interval when idle; silence far longer means a dead link
            socket.setSoTimeout(readTimeout);
            return socket;
        });
        if (config.tls().mode().encrypted()) {
            // the library only insists on TLS; the sockets verify, as on the JDBC link (its own VERIFY_IDENTITY
            // would check the name of a reverse lookup instead of source.host)
            created.setSSLMode(SSLMode.REQUIRED);
            created.setSslSocketFactory(this::tlsSocket);
        } else {
            created.setSSLMode(SSLMode.DISABLED);
        }
        created.setEventDeserializer(ExactRowDeserializers.create());
        created.registerEventListener(this::onEvent);
        created.registerLifecycleListener(new BinaryLogClient.AbstractLifecycleListener() {
            @Override
            public void onConnect(BinaryLogClient connected) {
                if (closed) {
                    disconnectQuietly(connected);
                    return;
                }
                if (!sameServer(connected.getMasterServerId())) {
                    disconnectQuietly(connected);
                    return;
                }
                // the outage ends with the first event: a server can accept the login and then refuse the dump
                awaitingFirstEvent = true;
                log.info("reading the binlog of {}:{} (server-id {}) from {}{} as replica server-id {}", config.host(),
                        config.port(), serverId, translator.resumePosition(),
                        start.byGtid() ? translator.gtid().map(g -> " by GTID " + g).orElse("") : "", config.serverId());
            }

            @Override
            public void onCommunicationFailure(BinaryLogClient failing, Exception ex) {
                lastFailure = ex;
            }

            @Override
            public void onEventDeserializationFailure(BinaryLogClient failing, Exception ex) {
                Optional<IOException> link = BrokenLink.in(ex);
                if (link.isPresent()) {
                    // the connection broke mid-event: reconnect from the last transaction boundary, as for any outage
                    lastFailure = link.get();
                    disconnectQuietly(failing);
                    return;
                }
                fail("cannot decode the binlog event after " + translator.resumePosition() + ": " + ex.getMessage()
                        + ". Inspect it with `mysqlbinlog --start-position=" + translator.resumePosition().offset()
                        + " " + translator.resumePosition().file() + "`", ex, translator.resumePosition());
                disconnectQuietly(failing);
            }
        });
        return created;
    }

    private SSLSocket tlsSocket(Socket plain) throws SocketException {
        try {
            return sockets.wrap(plain, config.host(), config.port());
        } catch (IOException e) {
            SocketException failure = new SocketException(e.getMessage());
            failure.initCause(e);
            throw failure;
        }
    }

    private String where() {
        return config.host() + ":" + config.port();
    }

    /**
     * Whether a (re)connection reached the server whose binlog the position belongs to. Another one (a failover
     * behind the same address) is followed only by GTID with GTID versions; otherwise the daemon stops, since file
     * offsets and binlog-position versions do not carry over from one server to another.
     */
    private boolean sameServer(long connectedId) {
        if (connectedId == serverId) {
            translator.connectedTo(connectedId);
            return true;
        }
        if (start.byGtid() && versions == DocumentVersions.GTID) {
            log.warn("the source {}:{} is now server-id {} (was {}): following it by GTID {}", config.host(),
                    config.port(), connectedId, serverId, translator.gtid().orElse(""));
            serverId = connectedId;
            translator.connectedTo(connectedId);
            return true;
        }
        fail("the source " + config.host() + ":" + config.port() + " is now server-id " + connectedId + ", not "
                + serverId + " whose binlog the saved position belongs to (a failover?). "
                + FailoverAdvice.text(versions), null, translator.resumePosition());
        return false;
    }

    /** Empty while the binlog is being read; otherwise why not, for {@code /ready}. */
    public java.util.Optional<String> disconnected() {
        BinaryLogClient current = client;
        if (current != null && current.isConnected() && !awaitingFirstEvent) {
            return java.util.Optional.empty();
        }
        Exception cause = lastFailure;
        return java.util.Optional.of("the source " + config.host() + ":" + config.port() + " is not connected"
                + (cause == null ? "" : ": " + cause.getMessage()));
    }

    /** The server-id of the server being read: it changes when a failover is followed by GTID. */
    public long serverId() {
        return serverId;
    }

    private void onEvent(Event event) {
        if (closed || failed) {
            return;
        }
        if (awaitingFirstEvent) {
            awaitingFirstEvent = false;
            outage.recovered();
            backoff.reset();
        }
        try {
            noteRotation(event);
            for (ChangeEvent change : translator.translate(event)) {
                if (change instanceof RowsChanged rows) {
                    progress.rowsRead(rows.rows().size());
                } else if (change instanceof TransactionCommitted commit) {
                    progress.committed(commit.resumeAt(), java.time.Instant.ofEpochMilli(event.getHeader().getTimestamp()));
                }
                handler.accept(change);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            disconnectQuietly(client);
        } catch (Exception | Error e) {
            // the library would log an escaping exception and go on with the next event: never let one escape
            BinlogPosition at = translator.positionOf(event);
            fail("cannot read the binlog event at " + at + " (" + event.getHeader().getEventType() + "): "
                    + e.getMessage() + ". Inspect it with `mysqlbinlog --base64-output=decode-rows -vv --start-position="
                    + at.offset() + " " + at.file() + "`", e, at);
            disconnectQuietly(client);
        }
    }

    /** One INFO line when the server moves on to a new binlog file (not for the rotate a (re)connection begins with). */
    private void noteRotation(Event event) {
        if (event.getHeader().getEventType() == EventType.ROTATE
                && event.getData() instanceof RotateEventData rotate) {
            String file = rotate.getBinlogFilename();
            if (readingFile != null && !readingFile.equals(file)) {
                log.info("binlog rotated: now reading {} (after {})", file, readingFile);
            }
            readingFile = file;
        }
    }

    private void fail(String message, Throwable cause, BinlogPosition at) {
        if (failed || closed) {
            return;
        }
        failed = true;
        try {
            handler.accept(new SourceFailed(message, cause, at));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void disconnectQuietly(BinaryLogClient target) {
        if (target == null) {
            return;
        }
        try {
            target.disconnect();
        } catch (IOException e) {
            log.debug("disconnecting from the source failed: {}", e.toString());
        }
    }

    /** Stops reading; waits up to a few seconds for the reader thread. Harmless twice. */
    @Override
    public void close() {
        Thread reader;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            reader = thread;
        }
        if (reader != null) {
            reader.interrupt();
        }
        // disconnect() waits for the reader to let go of the connection without a deadline, so it runs on its own
        // thread; a close during the handshake is seen only once that completes, hence the repeats
        Thread disconnector = new Thread(() -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            do {
                disconnectQuietly(client);
                if (reader == null) {
                    return;
                }
                try {
                    reader.join(200);
                } catch (InterruptedException e) {
                    return;
                }
            } while (reader.isAlive() && System.nanoTime() < deadline);
        }, "binlog-source-close");
        disconnector.setDaemon(true);
        disconnector.start();
        try {
            disconnector.join(TimeUnit.SECONDS.toMillis(6));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (reader != null && reader.isAlive()) {
            log.warn("the binlog reader did not stop within 6 s; leaving it (it is a daemon thread)");
        }
    }
}
