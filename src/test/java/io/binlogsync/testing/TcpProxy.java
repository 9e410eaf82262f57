package io.binlogsync.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP forwarder a test can cut: {@link #cut()} drops every open connection and refuses new ones
 * (they are accepted and closed at once) until {@link #restore()}. For faults between the daemon and a server
 * that must stay up.
 */
public final class TcpProxy implements AutoCloseable {
    private final int targetPort;
    private final ServerSocket listener;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final List<Socket> serverSides = new CopyOnWriteArrayList<>();
    /** Per connection open now, server to client: how many more bytes pass before it stalls (see holdAfter) */
    private final java.util.Map<Socket, java.util.concurrent.atomic.AtomicLong> budgets =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final Thread acceptor;
    private volatile boolean cut;
    private volatile boolean held;
    private volatile boolean closed;

    public TcpProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "tcp-proxy-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    public void cut() {
        cut = true;
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        open.clear();
    }

    public void restore() {
        cut = false;
    }

    /**
     * Stops passing bytes on, keeping every connection open, until {@link #release()}: a server that has stopped
     * answering without failing (a request waits until it times out).
     */
    public void hold() {
        held = true;
    }

    public void release() {
        held = false;
    }

    /**
     * Lets {@code bytes} more bytes from the server through on each connection open now, then stalls those
     * connections for good (kept open, nothing passed on) until the client gives up on them; connections made later
     * pass normally. A link that dies in the middle of whatever the server was sending.
     */
    public void holdAfter(long bytes) {
        for (Socket server : serverSides) {
            budgets.put(server, new java.util.concurrent.atomic.AtomicLong(bytes));
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                if (cut) {
                    closeQuietly(client);
                    continue;
                }
                Socket server = new Socket();
                server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 5000);
                open.add(client);
                open.add(server);
                serverSides.add(server);
                pump(client, server);
                pump(server, client);
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int read; (read = in.read(buffer)) >= 0; ) {
                    while (held && !closed && !cut) {
                        Thread.sleep(10);
                    }
                    java.util.concurrent.atomic.AtomicLong budget = budgets.get(from);
                    int passed = budget == null ? read : (int) Math.max(0, Math.min(read, budget.getAndAdd(-read)));
                    out.write(buffer, 0, passed);
                    out.flush();
                    if (passed < read) {
                        while (!to.isClosed() && !closed && !cut) {
                            Thread.sleep(10);
                        }
                        return;
                    }
                }
            } catch (IOException ignored) {
                // a cut or a close on either side ends the pump
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
                budgets.remove(from);
                serverSides.remove(from);
            }
        }, "tcp-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        closed = true;
        cut();
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
