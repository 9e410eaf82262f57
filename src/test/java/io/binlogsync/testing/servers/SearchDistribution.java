package io.binlogsync.testing.servers;

import io.binlogsync.index.SearchServer;
import io.binlogsync.index.SearchServer.Flavour;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One search server release as a test distribution zip: which server (flavour and version, as the daemon
 * detects it) and where the zip lies, with the names its layout uses. The pom puts the suite's Elasticsearch in
 * the system properties {@code binlogsync.elasticsearch.zip} and {@code binlogsync.elasticsearch.version}; the
 * other releases are copied into the directory {@code binlogsync.search.distributions}, with their versions in
 * properties such as {@code binlogsync.opensearch3.version} (see the pom's failsafe configuration).
 */
public record SearchDistribution(SearchServer server, Path zip) {

    private static final String DISTRIBUTIONS_DIR = "binlogsync.search.distributions";

    /** The Elasticsearch the whole suite runs on (8.19.8 today). */
    public static SearchDistribution suiteDefault() {
        return new SearchDistribution(
                new SearchServer(Flavour.ELASTICSEARCH, requiredProperty("binlogsync.elasticsearch.version")),
                Path.of(requiredProperty("binlogsync.elasticsearch.zip")));
    }

    /**
     * A release copied by the pom into the distributions directory, its version read from the system
     * property {@code versionProperty} (e.g. {@code binlogsync.opensearch3.version}).
     */
    public static SearchDistribution copied(Flavour flavour, String versionProperty) {
        var server = new SearchServer(flavour, requiredProperty(versionProperty));
        return new SearchDistribution(server,
                Path.of(requiredProperty(DISTRIBUTIONS_DIR)).resolve(id(flavour) + "-" + server.version() + ".zip"));
    }

    public Flavour flavour() {
        return server.flavour();
    }

    public String version() {
        return server.version();
    }

    /** The oldest Java feature release the server runs on: 21 for Elasticsearch 9 and OpenSearch 3, else 17. */
    public int minimumJava() {
        int firstOn21 = switch (flavour()) {
            case ELASTICSEARCH -> 9;
            case OPENSEARCH -> 3;
        };
        return server.major() >= firstOn21 ? 21 : 17;
    }

    /** The artifact id, the program in bin/ and how the zip's top directory starts: elasticsearch or opensearch. */
    String id() {
        return id(flavour());
    }

    /** elasticsearch.yml or opensearch.yml */
    String configFileName() {
        return id() + ".yml";
    }

    /** The launcher's variable for {@code suffix}: ES_JAVA_OPTS or OPENSEARCH_JAVA_OPTS, say. */
    String environmentVariable(String suffix) {
        return switch (flavour()) {
            case ELASTICSEARCH -> "ES_";
            case OPENSEARCH -> "OPENSEARCH_";
        } + suffix;
    }

    /** groupId:artifactId:version:zip of the test distribution on Maven Central. */
    String mavenCoordinates() {
        return "org." + id() + ".distribution.integ-test-zip:" + id() + ":" + version() + ":zip";
    }

    /** "OpenSearch 3.3.0" */
    @Override
    public String toString() {
        return server.toString();
    }

    private static String id(Flavour flavour) {
        return flavour.product().toLowerCase(Locale.ROOT);
    }

    private static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set: run through Maven (failsafe and"
                    + " exec:java set it from the pom) or pass -D" + name + "=...");
        }
        return value;
    }
}
