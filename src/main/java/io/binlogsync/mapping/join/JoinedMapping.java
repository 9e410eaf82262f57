package io.binlogsync.mapping.join;

import io.binlogsync.event.TableId;
import io.binlogsync.mapping.TableMapping;

import java.util.List;
import java.util.Objects;

/** A mapping whose documents carry fields of related tables: its own rows plus its joins. */
public record JoinedMapping(TableMapping mapping, List<Join> joins) {

    public JoinedMapping {
        Objects.requireNonNull(mapping, "mapping");
        joins = List.copyOf(joins);
    }

    public TableId table() {
        return mapping.table();
    }

    public String index() {
        return mapping.index();
    }

    @Override
    public String toString() {
        return mapping.toString();
    }
}
