package io.binlogsync.index;

import io.binlogsync.config.ElasticsearchConfig;
import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

import java.net.URI;

/** The low-level client for the configured cluster: its hosts, timeouts and credentials. */
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
        if (config.username().isPresent()) {
            BasicCredentialsProvider credentials = new BasicCredentialsProvider();
            credentials.setCredentials(AuthScope.ANY,
                    new UsernamePasswordCredentials(config.username().get(), config.password().orElse("")));
            builder.setHttpClientConfigCallback(http -> http.setDefaultCredentialsProvider(credentials));
        }
        return builder.build();
    }

    private static HttpHost host(URI uri) {
        return new HttpHost(uri.getHost(), uri.getPort(), uri.getScheme());
    }
}
