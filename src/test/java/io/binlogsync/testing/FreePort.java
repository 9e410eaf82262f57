package io.binlogsync.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A TCP port on 127.0.0.1 that nothing listens on at the moment it is chosen, below the range the kernel hands out
 * to outgoing connections (32768-60999 on Linux): a client polling a server that is not listening yet on a port in
 * that range can be given the very same port as its own, connect to itself and keep the server from binding.
 */
public final class FreePort {
    private static final int LOWEST = 20_000;
    private static final int HIGHEST = 32_000;

    private FreePort() {
    }

    public static int find() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST);
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // in use: try another
            }
        }
        throw new IllegalStateException("no free port on 127.0.0.1 between " + LOWEST + " and " + HIGHEST
                + " after 200 attempts");
    }
}
