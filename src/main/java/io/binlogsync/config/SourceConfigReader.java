package io.binlogsync.config;

import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

/** Reads {@code source { ... }}. */
final class SourceConfigReader {

    static final long MAX_SERVER_ID = 4_294_967_295L;

    private SourceConfigReader() {
    }

    static Optional<SourceConfig> read(Section source) {
        Optional<String> host = source.string("host").flatMap(text -> host(source, text));
        Optional<Long> port = source.wholeNumber("port", 1, 65_535,
                "use the port the MySQL/MariaDB server listens on, usually 3306");
        Optional<String> user = source.requiredString("user",
                "set it to the replication account, e.g. user = \"binlog_sync\"");
        Optional<String> password = password(source);
        Optional<Long> serverId = serverId(source);
        Optional<StartPosition> start = source.choice("start", StartPosition::fromConfigValue, "a start position",
                "start = current (changes from now on) or start = earliest (from the oldest binlog kept)");
        Optional<Duration> connectTimeout = source.positiveDuration("connect-timeout");
        Optional<Duration> heartbeatInterval = source.positiveDuration("heartbeat-interval");
        Optional<SourceTls> tls = SourceTlsReader.tls(source);
        Optional<SourcePublicKey> publicKey = SourceTlsReader.publicKey(source, tls);
        source.rejectUnknownKeys();

        if (Stream.of(host, port, user, password, serverId, start, connectTimeout, heartbeatInterval, tls, publicKey)
                .anyMatch(Optional::isEmpty)) {
            return Optional.empty();
        }
        return Optional.of(new SourceConfig(host.orElseThrow(), port.orElseThrow().intValue(), user.orElseThrow(),
                password.orElseThrow(), serverId.orElseThrow(), start.orElseThrow(), connectTimeout.orElseThrow(),
                heartbeatInterval.orElseThrow(), tls.orElseThrow(), publicKey.orElseThrow()));
    }

    /** Inline (usually from the environment) or from {@code password-file}; one of them is required. */
    private static Optional<String> password(Section source) {
        if (source.isAbsent("password") && source.isAbsent("password-file")) {
            return source.requiredSecret("password", "set it, e.g. password = ${?BINLOG_SYNC_SOURCE_PASSWORD}, and"
                    + " export BINLOG_SYNC_SOURCE_PASSWORD, or password-file = \"/run/credentials/binlog-sync.service/source\";"
                    + " write password = \"\" for an account without a password");
        }
        return SecretFile.inlineOrFile(source, "password").filter(secret -> !secret.broken())
                .map(SecretFile.Secret::value);
    }

    private static Optional<Long> serverId(Section source) {
        String unique = "it must be unique among the source server's replicas: different from the server_id of the"
                + " server itself and of every other replica connected to it (see SHOW REPLICA HOSTS)";
        boolean present = source.require("server-id",
                "set it to a number from 1 to " + MAX_SERVER_ID + ", e.g. server-id = 4201; " + unique);
        return present ? source.wholeNumber("server-id", 1, MAX_SERVER_ID, unique) : Optional.empty();
    }

    private static Optional<String> host(Section source, String text) {
        if (text.isBlank() || text.contains("/") || text.contains(" ")) {
            source.problem("host", "`" + ConfigValueText.abbreviated(text) + "` is not a host name or IP address;"
                    + " write only the host, e.g. host = \"db1.internal\" (the port goes in source.port)");
            return Optional.empty();
        }
        return Optional.of(text);
    }
}
