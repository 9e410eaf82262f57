package io.binlogsync.source.tls;

import org.mariadb.jdbc.Configuration;
import org.mariadb.jdbc.HostAddress;
import org.mariadb.jdbc.export.ExceptionFactory;
import org.mariadb.jdbc.plugin.TlsSocketPlugin;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import java.io.IOException;
import java.net.Socket;
import java.sql.SQLException;

/**
 * Hands MariaDB Connector/J the sockets of {@link SourceTlsSockets}, so that JDBC verifies exactly as the
 * replication stream does. Selected with {@code tlsSocketType=binlog-sync}; the option {@value #ID_OPTION} names
 * the settings. The driver loads a new instance per connection and calls {@link #getTrustManager} first, which is
 * where the host name the certificate must list is learnt (the driver's own socket would be opened to the IP
 * address). The driver's context is not used, so its trust and key managers are empty.
 */
public final class MariadbTlsPlugin implements TlsSocketPlugin {
    public static final String TYPE = "binlog-sync";
    public static final String ID_OPTION = "binlogSyncTls";

    private SourceTlsSockets sockets;
    private String host;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public TrustManager[] getTrustManager(Configuration conf, ExceptionFactory exceptionFactory, HostAddress address)
            throws SQLException {
        String id = conf.nonMappedOptions().getProperty(ID_OPTION);
        sockets = SourceTlsSockets.byId(id).orElseThrow(() -> exceptionFactory.create("binlog-sync's TLS settings "
                + id + " are not known to this process", "08000"));
        host = address.host;
        return new TrustManager[0];
    }

    @Override
    public KeyManager[] getKeyManager(Configuration conf, ExceptionFactory exceptionFactory) {
        return new KeyManager[0];
    }

    @Override
    public SSLSocket createSocket(Socket socket, SSLSocketFactory unused) throws IOException {
        try {
            return sockets.wrap(socket, host, socket.getPort());
        } catch (IllegalStateException e) {
            // a certificate or key file that cannot be read: the driver reports IOExceptions with their cause
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public void verify(String host, SSLSession session, long serverThreadId) throws SSLException {
        // the trust manager of SourceTlsSockets checked the chain and, in verify-identity, the host name
    }
}
