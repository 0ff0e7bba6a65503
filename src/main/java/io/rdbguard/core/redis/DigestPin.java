package io.rdbguard.core.redis;

/** The admin's statement that an image digest is a given version ({@code sha256:...} is Redis 7.2.4). */
public record DigestPin(String digest, String version, String source) {
}
