package io.rdbguard.testing;

import io.rdbguard.core.check.CheckDescriptor;
import io.rdbguard.core.check.Mode;

/** Descriptors for the stand-in checks that engine and exemption tests define. */
public final class TestChecks {

    private TestChecks() {
    }

    public static CheckDescriptor descriptor(String id) {
        return new CheckDescriptor(id, "a stand-in check for tests", Mode.ENFORCE, "nothing", "nothing", "README.md");
    }
}
