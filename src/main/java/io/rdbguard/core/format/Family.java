package io.rdbguard.core.format;

/** A Redis-family server: {@code redis}, {@code valkey}, {@code redict}, {@code keydb}, {@code dragonfly}. */
public record Family(String id, String name, String source) {
}
