package io.binlogsync.related;

import io.binlogsync.event.RowImage;
import io.binlogsync.mapping.KeyTemplate;
import io.binlogsync.mapping.TableMapping;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The cache keys of joined documents rebuilt because a related row changed: those the mapping's
 * {@code redis.invalidate} templates render from each rebuilt row, as a direct change of that row would delete them.
 * A row the mapping's filter leaves out names none (a direct change of it names none either).
 */
final class RelatedKeys {
    private RelatedKeys() {
    }

    static List<String> of(TableMapping mapping, Collection<RowImage> rows) {
        List<KeyTemplate> templates = mapping.invalidate();
        if (templates.isEmpty() || rows.isEmpty()) {
            return List.of();
        }
        Set<String> keys = new LinkedHashSet<>();
        for (RowImage row : rows) {
            if (!mapping.filter().keeps(row)) {
                continue;
            }
            for (KeyTemplate template : templates) {
                template.render(row).ifPresent(keys::add);
            }
        }
        return List.copyOf(keys);
    }
}
