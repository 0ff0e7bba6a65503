package io.rdbguard.cli;

import io.rdbguard.data.BuildInfo;
import picocli.CommandLine.IVersionProvider;

/** {@code -V}: "rdb-guard 0.1.0", the version Maven built. */
public final class BuildVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"rdb-guard " + BuildInfo.version()};
    }
}
