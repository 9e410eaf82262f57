package io.binlogsync.testing.servers;

import io.binlogsync.testing.ExternalCommand;
import io.binlogsync.testing.HarnessLog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An unprivileged system account to run a server under when the tests run as root (Elasticsearch
 * refuses root). Commands are prefixed with setpriv, which changes user and then execs, so the
 * server is our direct child with no su process in between.
 */
record ServiceUser(String name, int uid, int gid) {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

    /** Looks the account up, creating it as a system user without a home or a login shell if needed. */
    static synchronized ServiceUser ensure(String name, Path logDir) {
        Path log = logDir.resolve("service-user.log");
        if (new ExternalCommand(List.of("id", "-u", name), log, COMMAND_TIMEOUT).run().exitCode() != 0) {
            Path useradd = Binaries.require("useradd", "passwd");
            ExternalCommand.Result created = new ExternalCommand(List.of(useradd.toString(), "--system",
                    "--no-create-home", "--shell", "/usr/sbin/nologin", name), log, COMMAND_TIMEOUT).run();
            // Exit code 9: another JVM created it in the meantime.
            if (created.exitCode() != 0 && created.exitCode() != 9) {
                throw new IllegalStateException("cannot create system user " + name + ": " + created.output());
            }
            HarnessLog.info("created system user " + name);
        }
        int uid = Integer.parseInt(new ExternalCommand(List.of("id", "-u", name), log, COMMAND_TIMEOUT).runSuccessfully());
        int gid = Integer.parseInt(new ExternalCommand(List.of("id", "-g", name), log, COMMAND_TIMEOUT).runSuccessfully());
        return new ServiceUser(name, uid, gid);
    }

    /** Prefix for a command line that runs the rest as this user. */
    List<String> commandPrefix() {
        Path setpriv = Binaries.require("setpriv", "util-linux");
        return List.of(setpriv.toString(), "--reuid=" + name, "--regid=" + gid, "--init-groups", "--");
    }

    void takeOwnership(Path dir, Path logDir) {
        new ExternalCommand(List.of("chown", "-R", uid + ":" + gid, dir.toString()),
                logDir.resolve("chown.log"), COMMAND_TIMEOUT).runSuccessfully();
    }

    /** Fails with advice if this user cannot read {@code file} (a parent directory not searchable, say). */
    void requireCanRead(Path file, Path logDir) {
        List<String> test = new ArrayList<>(commandPrefix());
        test.addAll(List.of("test", "-r", file.toString()));
        if (new ExternalCommand(test, logDir.resolve("access-check.log"), COMMAND_TIMEOUT).run().exitCode() != 0) {
            throw new IllegalStateException("user " + name + " cannot read " + file
                    + ": make it and every parent directory readable and searchable by others (chmod o+rx)");
        }
    }
}
