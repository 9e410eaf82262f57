package io.binlogsync.runtime;

import picocli.CommandLine;

final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {"binlog-sync " + (version == null ? "development build" : version)};
    }
}
