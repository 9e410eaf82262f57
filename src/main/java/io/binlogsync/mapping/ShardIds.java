package io.binlogsync.mapping;

import io.binlogsync.config.MappingConfig;
import io.binlogsync.config.NameTemplate;

/**
 * The text an {@code id-template} puts around the key's id for one table, e.g. {@code tenant_1:} before it for
 * {@code {schema}:{id}}: worked out once per table, so each document costs one concatenation at most.
 */
public record ShardIds(String prefix, String suffix) {
    public static final ShardIds NONE = new ShardIds("", "");

    /** The affixes of a mapping for one table (a pattern mapping already expanded); none without a template. */
    public static ShardIds of(MappingConfig config) {
        return config.shards().flatMap(shards -> shards.idTemplate())
                .map(template -> of(template, config))
                .orElse(NONE);
    }

    private static ShardIds of(NameTemplate template, MappingConfig config) {
        return new ShardIds(template.idPrefix(config.table()), template.idSuffix(config.table()));
    }

    public String apply(String id) {
        return prefix.isEmpty() && suffix.isEmpty() ? id : prefix + id + suffix;
    }

    /** The id the key gave, from a document id this made; null when the document id is not one of these. */
    public String keyPart(String documentId) {
        if (!documentId.startsWith(prefix) || !documentId.endsWith(suffix)
                || documentId.length() < prefix.length() + suffix.length()) {
            return null;
        }
        return documentId.substring(prefix.length(), documentId.length() - suffix.length());
    }
}
