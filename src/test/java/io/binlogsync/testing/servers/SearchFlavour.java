package io.binlogsync.testing.servers;

/**
 * The two families of search server the tests start. They share a layout (bin/, config/, a pid file,
 * logs named after the cluster) and differ in names: the program, its config file and the prefix of
 * the environment variables its launcher reads.
 */
public enum SearchFlavour {
    ELASTICSEARCH("Elasticsearch", "elasticsearch", "ES_", "org.elasticsearch.distribution.integ-test-zip"),
    OPENSEARCH("OpenSearch", "opensearch", "OPENSEARCH_", "org.opensearch.distribution.integ-test-zip");

    private final String displayName;
    private final String id;
    private final String environmentPrefix;
    private final String mavenGroupId;

    SearchFlavour(String displayName, String id, String environmentPrefix, String mavenGroupId) {
        this.displayName = displayName;
        this.id = id;
        this.environmentPrefix = environmentPrefix;
        this.mavenGroupId = mavenGroupId;
    }

    /** "Elasticsearch" or "OpenSearch", as messages say it. */
    public String displayName() {
        return displayName;
    }

    /** The artifact id, the program in bin/ and the prefix of the unpacked directory. */
    String id() {
        return id;
    }

    /** elasticsearch.yml or opensearch.yml */
    String configFileName() {
        return id + ".yml";
    }

    /** The launcher's variable for {@code suffix}: ES_JAVA_OPTS or OPENSEARCH_JAVA_OPTS, say. */
    String environmentVariable(String suffix) {
        return environmentPrefix + suffix;
    }

    /** groupId:artifactId of the test distribution zip on Maven Central. */
    String mavenCoordinates() {
        return mavenGroupId + ":" + id;
    }
}
