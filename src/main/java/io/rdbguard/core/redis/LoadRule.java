package io.rdbguard.core.redis;

import java.util.List;

/**
 * Which formats a server loads at its default settings ({@code reads}), and which it may also try with
 * {@code rdb-version-check relaxed} ({@code relaxedReads}): relaxed only skips the version check and fails on data
 * types it does not know, so it never counts as readable.
 */
public record LoadRule(List<FormatRange> reads, List<FormatRange> relaxedReads) {

    public LoadRule {
        reads = List.copyOf(reads);
        relaxedReads = List.copyOf(relaxedReads);
    }

    public boolean canRead(Format format) {
        return reads.stream().anyMatch(range -> range.contains(format));
    }

    public boolean mayReadRelaxed(Format format) {
        return !canRead(format) && relaxedReads.stream().anyMatch(range -> range.contains(format));
    }

    /** True when the server recognises the magic at all; otherwise it refuses the file with "Wrong signature". */
    public boolean knowsMagic(String magic) {
        return reads.stream().anyMatch(range -> range.magic().equals(magic))
                || relaxedReads.stream().anyMatch(range -> range.magic().equals(magic));
    }
}
