package io.binlogsync.index;

import io.binlogsync.config.ElasticsearchConfig;
import io.binlogsync.config.ElasticsearchCredentials;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

import io.binlogsync.tls.TlsContexts;
import io.binlogsync.tls.TrustAdvice;

import javax.net.ssl.SSLContext;
import java.net.URI;
import java.util.Optional;

/**
 * The low-level client for the configured cluster: its hosts, timeouts, credentials (basic authentication or an
 * API key) and, for {@code https://} hosts, the certificates it trusts (see {@link TlsContexts}).
 */
public final class RestClients {
    private RestClients() {
    }

    public static RestClient build(ElasticsearchConfig config) {
        HttpHost[] hosts = config.hosts().stream().map(RestClients::host).toArray(HttpHost[]::new);
        int timeout = (int) config.requestTimeout().toMillis();
        RestClientBuilder builder = RestClient.builder(hosts)
                .setRequestConfigCallback(request -> request.setConnectTimeout(Math.min(timeout, 10_000))
                        .setSocketTimeout(timeout))
                .setCompressionEnabled(false);
        Optional<SSLContext> tls = config.hosts().stream().anyMatch(uri -> "https".equals(uri.getScheme()))
                ? Optional.of(TlsContexts.client(config.trust(), true, Optional.empty(), TrustAdvice.ELASTICSEARCH)) : Optional.empty();
        Optional<BasicCredentialsProvider> basic = basicCredentials(config.credentials());
        builder.setHttpClientConfigCallback(http -> {
            tls.ifPresent(http::setSSLContext);
            basic.ifPresent(http::setDefaultCredentialsProvider);
            return http;
        });
        if (config.credentials() instanceof ElasticsearchCredentials.ApiKey apiKey) {
            builder.setDefaultHeaders(new Header[]{apiKeyHeader(apiKey)});
        }
        return builder.build();
    }

    /** {@code Authorization: ApiKey <base64 of id:key>}, as Elasticsearch documents it. */
    static Header apiKeyHeader(ElasticsearchCredentials.ApiKey apiKey) {
        return new BasicHeader("Authorization", "ApiKey " + apiKey.encoded());
    }

    private static Optional<BasicCredentialsProvider> basicCredentials(ElasticsearchCredentials credentials) {
        if (!(credentials instanceof ElasticsearchCredentials.Basic user)) {
            return Optional.empty();
        }
        BasicCredentialsProvider provider = new BasicCredentialsProvider();
        provider.setCredentials(AuthScope.ANY, new UsernamePasswordCredentials(user.username(), user.password()));
        return Optional.of(provider);
    }

    private static HttpHost host(URI uri) {
        return new HttpHost(uri.getHost(), uri.getPort(), uri.getScheme());
    }
}
