package io.rdbguard.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** What this build is: its version, from {@code rdb-guard/build.properties} (filtered by Maven from the pom). */
public final class BuildInfo {

    private static final String VERSION = load();

    private BuildInfo() {
    }

    /** "0.1.0", as the pom names it. */
    public static String version() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = BuildInfo.class.getResourceAsStream("/rdb-guard/build.properties")) {
            if (in == null) {
                throw new IllegalStateException("rdb-guard/build.properties is missing from the build");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
