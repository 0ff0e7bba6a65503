package io.rdbguard.core.redis;

/**
 * A Redis-family server: {@code redis}, {@code valkey}, {@code redict}, {@code keydb}, {@code dragonfly}, with the
 * command-line client its images ship and the port its server listens on by default (what example probes use).
 */
public record Family(String id, String name, String cli, int port, String source) {
}
