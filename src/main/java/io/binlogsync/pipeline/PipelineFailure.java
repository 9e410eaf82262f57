package io.binlogsync.pipeline;

/** Why the pipeline stopped on its own: a rejected write, a row it cannot map, a source it cannot read. */
public class PipelineFailure extends RuntimeException {
    public PipelineFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
