package io.binlogsync.verify;

import java.util.List;

/** The result of one verify run: a report per mapping checked, in config order. */
public record VerifyReport(List<MappingReport> mappings, boolean repairing) {

    public VerifyReport {
        mappings = List.copyOf(mappings);
    }

    /** True when some index does not equal its table (after repair, when repairing), or a check failed. */
    public boolean hasDrift() {
        return mappings.stream().anyMatch(m -> m.unequal(repairing));
    }

    /** Every drifted id of every mapping, as far as the samples go. */
    public List<Drift> samples() {
        return mappings.stream().flatMap(m -> m.samples().stream()).toList();
    }

    /** The summary printed at the end: one block per mapping, then the verdict. */
    public String summary() {
        StringBuilder text = new StringBuilder();
        for (MappingReport m : mappings) {
            text.append(m.path()).append(' ').append(m.table()).append(" -> ").append(m.index()).append(": ")
                    .append(m.rowsChecked()).append(" rows checked, ").append(m.missing()).append(" missing, ")
                    .append(m.extra()).append(" extra, ").append(m.different()).append(" different");
            if (repairing) {
                text.append("; ").append(m.repaired()).append(" repaired, ").append(m.unrepaired())
                        .append(" not repaired");
            }
            text.append('\n');
            if (m.settled() > 0) {
                text.append("  ").append(m.settled()).append(" id(s) differed at first and matched after waiting:"
                        + " the index lags the table (a running daemon catching up), which is not drift\n");
            }
            for (Drift drift : m.samples()) {
                text.append("  ").append(drift).append('\n');
            }
            if (m.drifted() > m.samples().size()) {
                text.append("  ... and ").append(m.drifted() - m.samples().size()).append(" more (raise --show)\n");
            }
            m.error().ifPresent(error -> text.append("  check stopped: ").append(error).append('\n'));
        }
        text.append(hasDrift() ? (repairing ? "DRIFT remains after repair" : "DRIFT: the index does not equal the table")
                : "EQUAL: every index equals its table" + (repairing && mappings.stream().anyMatch(m -> m.repaired() > 0)
                ? " after repair" : ""));
        return text.append('\n').toString();
    }
}
