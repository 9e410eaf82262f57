package io.binlogsync.runtime;

/** Exit codes, for systemd and scripts. */
final class ExitCode {
    /** Stopped on request, or every check passed. */
    static final int OK = 0;
    /** Stopped on an error (a rejected document, a source it cannot read), or a check failed. */
    static final int FAILURE = 1;
    /** The command line or the config file is wrong. */
    static final int CONFIG = 2;

    private ExitCode() {
    }
}
