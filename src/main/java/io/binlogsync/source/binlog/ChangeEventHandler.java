package io.binlogsync.source.binlog;

import io.binlogsync.event.ChangeEvent;

/** Receives the source's events in binlog order; may block (a bounded queue), which slows the source down. */
@FunctionalInterface
public interface ChangeEventHandler {
    void accept(ChangeEvent event) throws InterruptedException;
}
