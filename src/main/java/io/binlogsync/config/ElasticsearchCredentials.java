package io.binlogsync.config;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/** How binlog-sync proves who it is to the cluster. No {@link #toString()} shows a secret. */
public sealed interface ElasticsearchCredentials {

    /** No authentication: a cluster with security off. */
    record None() implements ElasticsearchCredentials {
        @Override
        public String toString() {
            return "<none>";
        }
    }

    /** HTTP basic authentication of a native or file-realm user. */
    record Basic(String username, String password) implements ElasticsearchCredentials {
        public Basic {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "username=" + username + ", password=" + Secrets.MASK;
        }
    }

    /**
     * An Elasticsearch API key, sent as {@code Authorization: ApiKey <encoded>}.
     *
     * @param encoded base64 of {@code id:key}, the {@code encoded} field of Elasticsearch's create-API-key answer
     */
    record ApiKey(String encoded) implements ElasticsearchCredentials {
        public ApiKey {
            Objects.requireNonNull(encoded, "encoded");
        }

        /** From the id and the key, as Elasticsearch's create-API-key answer gives them apart. */
        public static ApiKey of(String id, String key) {
            return new ApiKey(Base64.getEncoder().encodeToString((id + ":" + key).getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public String toString() {
            return "api-key=" + Secrets.MASK;
        }
    }
}
