package io.binlogsync.sink.redis;

import io.binlogsync.config.RedisConfig;
import io.binlogsync.sink.RetryCause;
import io.binlogsync.sink.RetryingWriter;
import io.binlogsync.sink.SinkRejectedException;
import io.binlogsync.tls.UntrustedCertificateException;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisRedirectionException;

import java.util.List;

/**
 * Sorts a Redis failure into one that may pass (a lost connection, a failover, a moved slot, a loading or busy
 * server: retried) and one that will not (a refused login, a missing permission, an untrusted certificate: stops
 * with a message naming the user and the fix). Messages never hold a password: Redis' own replies do not.
 */
final class RedisFailures {
    /** Replies of a server that is starting, failing over or resharding. */
    private static final List<String> PASSING = List.of("LOADING", "BUSY", "TRYAGAIN", "CLUSTERDOWN", "MASTERDOWN",
            "READONLY", "MOVED", "ASK", "NOREPLICAS");

    private final RedisConfig config;

    RedisFailures(RedisConfig config) {
        this.config = config;
    }

    /**
     * The retriable form of {@code failure}; throws {@link SinkRejectedException} when retrying cannot help.
     *
     * @param topologyChanged run before a retry caused by a moved slot or a lost node (refreshes the slot map)
     */
    RetryingWriter.RetriableException classify(String command, RuntimeException failure, Runnable topologyChanged) {
        String where = config.describe();
        if (UntrustedCertificateException.in(failure).isPresent()) {
            throw new SinkRejectedException(UntrustedCertificateException.in(failure).get().getMessage(), failure);
        }
        String reply = replyOf(failure);
        // Jedis reports NOPERM as an access-control failure too; it is a missing grant, not a bad login
        if (reply.startsWith("NOPERM")) {
            throw new SinkRejectedException(where + " refused " + command + " to user " + config.userName() + ": "
                    + reply + "; grant it what binlog-sync needs, e.g. ACL SETUSER " + config.userName()
                    + " +ping +del" + (config.database() != 0 ? " +select" : "")
                    + (config.waitReplicas() > 0 ? " +wait" : "")
                    + (config.topology() instanceof RedisConfig.Cluster ? " +cluster|slots" : "")
                    + " ~PREFIX* for the key prefixes of your redis.invalidate templates (docs/security.md, Redis)",
                    failure);
        }
        JedisAccessControlException refused = find(failure, JedisAccessControlException.class);
        if (refused != null || reply.startsWith("WRONGPASS") || reply.startsWith("NOAUTH")
                || reply.startsWith("ERR AUTH")) {
            throw new SinkRejectedException(where + " refused the login of user " + config.userName() + ": "
                    + reply + "; check redis.user and redis.password (or password-file, or the URI's user-info)"
                    + " against the server's ACL (ACL LIST), and that the user is `on`", failure);
        }
        if (find(failure, JedisRedirectionException.class) != null
                || find(failure, JedisConnectionException.class) != null) {
            refreshQuietly(topologyChanged);
            return new RetryingWriter.RetriableException(shortText(failure), failure);
        }
        if (PASSING.stream().anyMatch(reply::startsWith)) {
            refreshQuietly(topologyChanged);
            return new RetryingWriter.RetriableException("not ready: " + reply, failure, reply.startsWith("BUSY")
                    ? RetryCause.TOO_MANY_REQUESTS : RetryCause.UNAVAILABLE);
        }
        if (find(failure, JedisDataException.class) != null) {
            throw new SinkRejectedException(where + " refused " + command + ": " + reply + "; check that the"
                    + " redis section names the right deployment (uri for one server, sentinel or cluster) and"
                    + " that user " + config.userName() + " may run " + command, failure);
        }
        if (failure instanceof JedisException || fromTheClient(failure)) {
            // the client's own failures (no sentinel reachable, no slot map yet, a pipeline left broken by a lost
            // node) pass when the servers return
            refreshQuietly(topologyChanged);
            return new RetryingWriter.RetriableException(shortText(failure), failure);
        }
        throw failure; // a bug, not an outage: waiting would hide it
    }

    private static boolean fromTheClient(RuntimeException failure) {
        StackTraceElement[] stack = failure.getStackTrace();
        return failure instanceof IllegalStateException && stack.length > 0
                && stack[0].getClassName().startsWith("redis.clients.jedis.");
    }

    private static void refreshQuietly(Runnable topologyChanged) {
        try {
            topologyChanged.run();
        } catch (RuntimeException e) {
            // the cluster is still unreachable; the retry tries again
        }
    }

    /** The server's reply (the message of the first Jedis data error among the causes), or empty. */
    private static String replyOf(Throwable failure) {
        JedisDataException reply = find(failure, JedisDataException.class);
        return reply == null || reply.getMessage() == null ? "" : reply.getMessage();
    }

    private static String shortText(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null && text.length() < 400; t = t.getCause()) {
            if (text.length() > 0) {
                text.append(": ");
            }
            text.append(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
        }
        return text.toString();
    }

    /** The first {@code type} among the causes, or among their suppressed (Jedis keeps each seed's failure so). */
    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            for (Throwable suppressed : t.getSuppressed()) {
                T found = find(suppressed, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
