package io.rdbguard.core.check;

import java.util.Objects;

/**
 * What a check is, said once: everything else (the policy's default modes, the README's check table, SARIF rule
 * metadata, the manifests' policy ConfigMap, tests that need every check id) is derived from these.
 *
 * @param id          the stable id users see in messages, warnings, metrics and exemptions, e.g. {@code rdb-one-way}
 * @param title       what makes it fire, one sentence
 * @param defaultMode the mode when the policy file does not set one
 * @param protects    what goes wrong without it, one sentence
 * @param remediation how a user resolves a finding, one sentence
 * @param docs        the repository-relative document that explains it
 */
public record CheckDescriptor(String id, String title, Mode defaultMode, String protects, String remediation, String docs) {

    public CheckDescriptor {
        Objects.requireNonNull(id, "id");
        if (!id.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("a check id is lower-case words joined by '-', not " + id);
        }
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(defaultMode, "defaultMode");
        Objects.requireNonNull(protects, "protects");
        Objects.requireNonNull(remediation, "remediation");
        Objects.requireNonNull(docs, "docs");
    }
}
