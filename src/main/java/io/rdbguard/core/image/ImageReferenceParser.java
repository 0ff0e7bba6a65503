package io.rdbguard.core.image;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses the container image reference grammar of distribution/reference (the one Docker, containerd and
 * Kubernetes use) and normalises Docker Hub names:
 *
 * <pre>
 * reference := name [ ":" tag ] [ "@" digest ]
 * name      := [ host [ ":" port ] "/" ] path-component { "/" path-component }     (at most 255 characters)
 * host      := domain-component { "." domain-component } | "[" IPv6 "]"
 * path-component := [a-z0-9]+ ( ( "." | "_" | "__" | "-"+ ) [a-z0-9]+ )*
 * tag       := [A-Za-z0-9_] [A-Za-z0-9_.-]{0,127}
 * digest    := "sha256:" 64 lowercase hex | "sha512:" 128 lowercase hex
 * </pre>
 *
 * The first path component is a registry host only when it contains '.' or ':', is {@code localhost}, or is an
 * IPv6 address in brackets; otherwise the image is on Docker Hub. Decisions beyond the grammar:
 * <ul>
 * <li>Digests: only the algorithms the OCI image spec registers (sha256, sha512), with their exact length and
 *     lowercase hex, as go-digest validates them; anything else cannot be pulled, so it is rejected here.</li>
 * <li>Hosts are case-insensitive (DNS), so the registry is lowercased; paths and tags keep their case.</li>
 * <li>{@code index.docker.io} and {@code registry-1.docker.io} are Docker Hub and become {@code docker.io};
 *     every other registry, mirrors and pull-through proxies included, keeps its path exactly.</li>
 * <li>The 255-character limit applies to the canonical name ({@code docker.io/library/…}), as in
 *     distribution/reference.</li>
 * </ul>
 */
final class ImageReferenceParser {

    private static final String DOCKER_HUB = "docker.io";
    private static final List<String> DOCKER_HUB_ALIASES = List.of("index.docker.io", "registry-1.docker.io");
    private static final String OFFICIAL_IMAGES = "library/";
    private static final int NAME_MAX_LENGTH = 255;
    private static final int TAG_MAX_LENGTH = 128;
    private static final Map<String, Integer> DIGEST_HEX_LENGTHS = Map.of("sha256", 64, "sha512", 128);

    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://");
    private static final Pattern IMAGE_ID = Pattern.compile("[a-f0-9]{64}");
    private static final Pattern HOST = Pattern.compile(
            "(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"
                    + "|\\[[A-Fa-f0-9:]+])(?::[0-9]+)?");
    private static final Pattern PATH_COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("\\w[\\w.-]*");
    private static final Pattern LOWERCASE_HEX = Pattern.compile("[a-f0-9]*");

    private static final String EXAMPLE = "redis:7.2.4";
    private static final String EXAMPLE_WITH_REGISTRY = "registry.example.com:5000/team/redis:7.2.4";
    private static final String EXAMPLE_TAG = "redis:7.2.4-alpine";
    private static final String EXAMPLE_DIGEST = "redis:7.2.4@sha256:<64 lowercase hex digits>";

    private ImageReferenceParser() {
    }

    static ImageReference parse(String text) throws InvalidImageReferenceException {
        if (text == null || text.isBlank()) {
            throw invalid(text, "it is empty", EXAMPLE);
        }
        if (text.chars().anyMatch(Character::isWhitespace)) {
            throw invalid(text, "it contains whitespace", EXAMPLE);
        }
        if (SCHEME.matcher(text).lookingAt()) {
            throw invalid(text, "it starts with a URL scheme; write the registry host without it",
                    EXAMPLE_WITH_REGISTRY);
        }
        if (IMAGE_ID.matcher(text).matches()) {
            throw invalid(text, "it is a bare image ID; name the repository and pin the ID as a digest",
                    EXAMPLE_DIGEST);
        }

        String nameAndTag = text;
        String digest = null;
        int at = text.indexOf('@');
        if (at >= 0) {
            nameAndTag = text.substring(0, at);
            digest = checkDigest(text, text.substring(at + 1));
        }

        String name = nameAndTag;
        String tag = null;
        int colon = nameAndTag.lastIndexOf(':');
        // A ':' before the last '/' (or inside an IPv6 host) belongs to the registry, not to a tag.
        if (colon > Math.max(nameAndTag.lastIndexOf('/'), nameAndTag.lastIndexOf(']'))) {
            name = nameAndTag.substring(0, colon);
            tag = checkTag(text, nameAndTag.substring(colon + 1));
        }

        return normalise(text, name, tag, digest);
    }

    private static String checkDigest(String text, String digest) throws InvalidImageReferenceException {
        if (digest.isEmpty()) {
            throw invalid(text, "it ends with '@' but no digest follows", EXAMPLE_DIGEST);
        }
        if (digest.contains("@")) {
            throw invalid(text, "it contains more than one '@'", EXAMPLE_DIGEST);
        }
        int colon = digest.indexOf(':');
        if (colon < 0) {
            throw invalid(text, "the digest \"" + digest + "\" has no algorithm; write it as sha256:<hex>",
                    EXAMPLE_DIGEST);
        }
        String algorithm = digest.substring(0, colon);
        String hex = digest.substring(colon + 1);
        Integer hexLength = DIGEST_HEX_LENGTHS.get(algorithm);
        if (hexLength == null) {
            throw invalid(text, "digest algorithm \"" + algorithm + "\" is not supported; use sha256 or sha512",
                    EXAMPLE_DIGEST);
        }
        if (!LOWERCASE_HEX.matcher(hex).matches()) {
            throw invalid(text, "the digest may contain only lowercase hex digits (0-9, a-f)", EXAMPLE_DIGEST);
        }
        if (hex.length() != hexLength) {
            throw invalid(text, "a " + algorithm + " digest has " + hexLength + " hex digits, this one has "
                    + hex.length(), EXAMPLE_DIGEST);
        }
        return digest;
    }

    private static String checkTag(String text, String tag) throws InvalidImageReferenceException {
        if (tag.isEmpty()) {
            throw invalid(text, "it has a ':' but no tag after it", EXAMPLE_TAG);
        }
        if (tag.length() > TAG_MAX_LENGTH) {
            throw invalid(text, "the tag is " + tag.length() + " characters long, at most " + TAG_MAX_LENGTH
                    + " are allowed", EXAMPLE_TAG);
        }
        if (!TAG.matcher(tag).matches()) {
            throw invalid(text, "the tag \"" + tag + "\" may contain only letters, digits, '_', '.' and '-', "
                    + "and must not start with '.' or '-'", EXAMPLE_TAG);
        }
        return tag;
    }

    private static ImageReference normalise(String text, String name, String tag, String digest)
            throws InvalidImageReferenceException {
        if (name.isEmpty()) {
            throw invalid(text, "it has no repository name", EXAMPLE);
        }
        if (name.startsWith("/")) {
            throw invalid(text, "it starts with '/'", EXAMPLE);
        }
        if (name.endsWith("/")) {
            throw invalid(text, "the repository name ends with '/'", EXAMPLE);
        }
        if (name.contains("//")) {
            throw invalid(text, "it has an empty path component ('//')", EXAMPLE);
        }

        String registry = DOCKER_HUB;
        String path = name;
        int slash = name.indexOf('/');
        if (slash > 0 && isHost(name.substring(0, slash))) {
            registry = checkHost(text, name.substring(0, slash));
            path = name.substring(slash + 1);
        }
        for (String component : path.split("/")) {
            checkPathComponent(text, component);
        }

        if (DOCKER_HUB_ALIASES.contains(registry)) {
            registry = DOCKER_HUB;
        }
        if (registry.equals(DOCKER_HUB) && !path.contains("/")) {
            path = OFFICIAL_IMAGES + path;
        }
        int nameLength = registry.length() + 1 + path.length();
        if (nameLength > NAME_MAX_LENGTH) {
            throw invalid(text, "the name is " + nameLength + " characters long with its registry, at most "
                    + NAME_MAX_LENGTH + " are allowed", EXAMPLE_WITH_REGISTRY);
        }
        return new ImageReference(registry, path, tag, digest);
    }

    private static boolean isHost(String component) {
        return component.contains(".") || component.contains(":") || component.equals("localhost")
                || component.startsWith("[");
    }

    private static String checkHost(String text, String host) throws InvalidImageReferenceException {
        if (!HOST.matcher(host).matches()) {
            throw invalid(text, "the registry \"" + host + "\" is not a valid host name, host:port or [IPv6]:port",
                    EXAMPLE_WITH_REGISTRY);
        }
        return host.toLowerCase(Locale.ROOT);
    }

    private static void checkPathComponent(String text, String component) throws InvalidImageReferenceException {
        if (PATH_COMPONENT.matcher(component).matches()) {
            return;
        }
        if (PATH_COMPONENT.matcher(component.toLowerCase(Locale.ROOT)).matches()) {
            throw invalid(text, "repository names must be lowercase", EXAMPLE);
        }
        throw invalid(text, "\"" + component + "\" is not a valid repository path component: use lowercase "
                + "letters and digits, joined by '.', '_', '__' or '-'", EXAMPLE);
    }

    private static InvalidImageReferenceException invalid(String text, String problem, String example) {
        return new InvalidImageReferenceException(text, problem, example);
    }
}
