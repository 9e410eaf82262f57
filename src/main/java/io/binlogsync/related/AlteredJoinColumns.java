package io.binlogsync.related;

import io.binlogsync.event.TableId;
import io.binlogsync.mapping.TableMapping;
import io.binlogsync.mapping.join.Join;
import io.binlogsync.source.binlog.AlteredValues;
import io.binlogsync.source.jdbc.TableRowReader;

import java.util.List;
import java.util.Map;

/**
 * Whether an ALTER TABLE may have left a joined mapping's documents stale by rewriting in place, without row
 * events, values they are made of: of a related table, a column one of its joins reads ({@link Join#uses}: its
 * fields, the right side of {@code on}, {@code order-by}); of the mapping's own table, a column its documents carry
 * ({@link TableMapping#carries}) or the left side of an {@code on}. The tables' columns are read as the reader has
 * them after the DDL; an ALTER whose text cannot tell which columns it rewrites rewrites every one.
 */
final class AlteredJoinColumns {
    private AlteredJoinColumns() {
    }

    /** Whether {@code altered}, an ALTER of {@code table}, may rewrite a column a join of {@code reader} reads. */
    static boolean ofRelatedTable(JoinedReader reader, TableId table, AlteredValues altered) {
        for (Map.Entry<Join, TableRowReader> related : reader.readers().related().entrySet()) {
            Join join = related.getKey();
            if (join.table().equals(table) && related.getValue().columns().names().stream()
                    .anyMatch(column -> join.uses(column) && altered.mayRewrite(column))) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code altered}, an ALTER of the mapping's own table, may rewrite a column its documents depend on. */
    static boolean ofOwnTable(JoinedReader reader, AlteredValues altered) {
        TableMapping mapping = reader.mapping();
        List<Join> joins = reader.joined().joins();
        return reader.readers().parents().columns().names().stream().anyMatch(column -> altered.mayRewrite(column)
                && (mapping.carries(column) || joins.stream().anyMatch(join -> join.parentColumn().equals(column))));
    }
}
