package io.binlogsync.progress;

/**
 * Rows copied per table as the metrics endpoint shows them: a {@link Progress} per phase ({@code snapshot},
 * {@code resync}, {@code rebuild}), fed by the same calls as the progress line, so nothing counts rows twice.
 * {@link #NONE} shows nothing.
 */
@FunctionalInterface
public interface CopyFigures {

    CopyFigures NONE = phase -> Progress.NONE;

    /** The progress of {@code phase}, for the copies of that phase. */
    Progress of(String phase);
}
