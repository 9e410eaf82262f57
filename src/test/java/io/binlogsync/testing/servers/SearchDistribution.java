package io.binlogsync.testing.servers;

import java.nio.file.Path;

/**
 * One search server release as a test distribution zip: its flavour, its version and where the zip
 * lies. The pom puts the suite's Elasticsearch in the system properties {@code binlogsync.elasticsearch.zip}
 * and {@code binlogsync.elasticsearch.version}; the other releases are copied into the directory
 * {@code binlogsync.search.distributions}, with their versions in properties such as
 * {@code binlogsync.opensearch3.version} (see the pom's failsafe configuration).
 */
public record SearchDistribution(SearchFlavour flavour, String version, Path zip) {

    private static final String DISTRIBUTIONS_DIR = "binlogsync.search.distributions";

    /** The Elasticsearch the whole suite runs on (8.19.8 today). */
    public static SearchDistribution suiteDefault() {
        return new SearchDistribution(SearchFlavour.ELASTICSEARCH, requiredProperty("binlogsync.elasticsearch.version"),
                Path.of(requiredProperty("binlogsync.elasticsearch.zip")));
    }

    /**
     * A release copied by the pom into the distributions directory, its version read from the system
     * property {@code versionProperty} (e.g. {@code binlogsync.opensearch3.version}).
     */
    public static SearchDistribution copied(SearchFlavour flavour, String versionProperty) {
        String version = requiredProperty(versionProperty);
        return new SearchDistribution(flavour, version,
                Path.of(requiredProperty(DISTRIBUTIONS_DIR)).resolve(flavour.id() + "-" + version + ".zip"));
    }

    /** The oldest Java feature release the server runs on: 21 for Elasticsearch 9 and OpenSearch 3, else 17. */
    public int minimumJava() {
        int threshold = flavour == SearchFlavour.ELASTICSEARCH ? 9 : 3;
        return major() >= threshold ? 21 : 17;
    }

    public int major() {
        try {
            return Integer.parseInt(version.substring(0, version.indexOf('.') < 0 ? version.length() : version.indexOf('.')));
        } catch (NumberFormatException e) {
            throw new IllegalStateException(flavour.displayName() + " version " + version + " does not start with a number", e);
        }
    }

    /** "OpenSearch 3.3.0" */
    @Override
    public String toString() {
        return flavour.displayName() + " " + version;
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
