package io.binlogsync.config;

import io.binlogsync.event.TableId;

import java.util.List;
import java.util.Optional;

/**
 * Tests' one way to make a {@link MappingConfig}: a table into an index at a config path, everything else the
 * default a config gives when it leaves the key out (key columns from the table, all columns, no Redis keys, no index
 * definition, no shards, no filter, no joins), changed only where a test says so.
 */
public final class MappingConfigBuilder {
    private final String path;
    private final TableId table;
    private final String index;
    private List<String> id = List.of();
    private FieldsConfig fields = FieldsConfig.allColumns();
    private List<String> redisInvalidate = List.of();
    private Optional<RowFilterConfig> filter = Optional.empty();

    private MappingConfigBuilder(String path, TableId table, String index) {
        this.path = path;
        this.table = table;
        this.index = index;
    }

    /** A mapping at {@code path} (e.g. {@code mappings[0]}) of {@code table} into {@code index}. */
    public static MappingConfigBuilder mapping(String path, TableId table, String index) {
        return new MappingConfigBuilder(path, table, index);
    }

    public MappingConfigBuilder id(List<String> columns) {
        this.id = columns;
        return this;
    }

    public MappingConfigBuilder fields(FieldsConfig fields) {
        this.fields = fields;
        return this;
    }

    public MappingConfigBuilder redisInvalidate(List<String> templates) {
        this.redisInvalidate = templates;
        return this;
    }

    public MappingConfigBuilder filter(Optional<RowFilterConfig> filter) {
        this.filter = filter;
        return this;
    }

    public MappingConfig build() {
        return new MappingConfig(path, table, index, id, fields, redisInvalidate, Optional.empty(), Optional.empty(),
                filter, List.of());
    }
}
