package io.binlogsync.index;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which search server answers, as detected at start ({@link ServerDetection}): its flavour and version, e.g.
 * Elasticsearch 8.19.8. The flavour chooses how to page through an index ({@link IdPager#forServer}).
 */
public record SearchServer(Flavour flavour, String version) {
    private static final Pattern MAJOR_MINOR = Pattern.compile("^(\\d+)\\.(\\d+)");

    public enum Flavour {
        ELASTICSEARCH("Elasticsearch"), OPENSEARCH("OpenSearch");

        private final String product;

        Flavour(String product) {
            this.product = product;
        }

        /** The product's name as its makers write it. */
        public String product() {
            return product;
        }
    }

    public SearchServer {
        if (!MAJOR_MINOR.matcher(version).find()) {
            throw new IllegalArgumentException("not a version number: '" + version + "'");
        }
    }

    public int major() {
        return part(1);
    }

    public int minor() {
        return part(2);
    }

    private int part(int group) {
        Matcher matcher = MAJOR_MINOR.matcher(version);
        matcher.find();
        return Integer.parseInt(matcher.group(group));
    }

    @Override
    public String toString() {
        return flavour.product() + " " + version;
    }
}
