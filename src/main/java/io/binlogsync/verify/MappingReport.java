package io.binlogsync.verify;

import io.binlogsync.event.TableId;

import java.util.List;
import java.util.Optional;

/**
 * What verify found for one mapping. {@code missing}, {@code extra} and {@code different} count drift confirmed
 * after the lag wait; {@code settled} counts ids that differed at first look and matched on a later one (a running
 * daemon catching up); {@code repaired} and {@code unrepaired} are what {@code --repair} fixed and could not fix.
 * {@code samples} holds the first drifted ids, {@code error} why the check stopped early, if it did.
 */
public record MappingReport(String path, TableId table, String index, long rowsChecked, long missing, long extra,
                            long different, long settled, long repaired, long unrepaired, List<Drift> samples,
                            Optional<String> error) {

    public MappingReport {
        samples = List.copyOf(samples);
    }

    public long drifted() {
        return missing + extra + different;
    }

    /** True when the index does not equal the table now: drift left unrepaired, or a check that did not finish. */
    public boolean unequal(boolean repairing) {
        return error.isPresent() || (repairing ? unrepaired > 0 : drifted() > 0);
    }
}
