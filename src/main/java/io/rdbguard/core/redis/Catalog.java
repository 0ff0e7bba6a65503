package io.rdbguard.core.redis;

import io.rdbguard.core.redis.ImageIdentity.Datastore;
import io.rdbguard.core.redis.TagGrammar.TagMatch;
import io.rdbguard.core.image.ImageReference;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The snapshot-format catalog: repositories, release lines and digest pins. Immutable; the matching rule is
 * written down in the header of {@code rdb-guard/catalog.yaml}.
 */
public final class Catalog {

    private static final Pattern LINE_OF_VERSION = Pattern.compile("^(\\d+\\.\\d+)(?:\\D.*)?$");
    private static final String DOCKER_HUB_OFFICIAL = "docker.io/library/";

    private final List<Family> families;
    private final List<ReleaseLine> lines;
    private final List<CatalogRepository> repositories;
    private final Map<String, DigestPin> digestPins;
    private final RoleRules roles;
    private final Map<String, String> foreignReaders;

    /** {@code foreignReaders}: per magic, what a server that does not know it does with such data, if not refuse it. */
    public Catalog(List<Family> families, List<ReleaseLine> lines, List<CatalogRepository> repositories,
            List<DigestPin> digestPins, RoleRules roles, Map<String, String> foreignReaders) {
        this.roles = roles;
        this.foreignReaders = Map.copyOf(foreignReaders);
        this.families = List.copyOf(families);
        this.lines = List.copyOf(lines);
        this.repositories = List.copyOf(repositories);
        this.digestPins = digestPins.stream()
                .collect(Collectors.toMap(DigestPin::digest, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    }

    public List<Family> families() {
        return families;
    }

    public List<ReleaseLine> lines() {
        return lines;
    }

    public List<CatalogRepository> repositories() {
        return repositories;
    }

    public List<DigestPin> digestPins() {
        return List.copyOf(digestPins.values());
    }

    /** What a server that does not know {@code magic} does with such data, when it does not refuse the file. */
    public Optional<String> foreignReader(String magic) {
        return Optional.ofNullable(foreignReaders.get(magic));
    }

    /** Which commands mean which container role. */
    public RoleRules roles() {
        return roles;
    }

    /** What the image is: a datastore (with what it writes, if known), an ignored helper, or an unknown repository. */
    public ImageIdentity identify(ImageReference image) {
        String path = image.registry() + "/" + image.repository();
        Optional<CatalogRepository> entry = repositoryOf(path);
        if (entry.isEmpty()) {
            return new ImageIdentity.UnknownRepository(path);
        }
        if (entry.get() instanceof IgnoredRepository ignored) {
            return new ImageIdentity.NotADatastore(ignored);
        }
        return identifyRelease(image, (KnownRepository) entry.get());
    }

    /** The release line of a family that a version belongs to (7.2.4 and 7.2-rc1 belong to 7.2). */
    public Optional<ReleaseLine> line(Family family, String version) {
        Matcher matcher = LINE_OF_VERSION.matcher(version);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return lines.stream()
                .filter(l -> l.family().id().equals(family.id()) && l.line().equals(matcher.group(1)))
                .findFirst();
    }

    /** The lines of a family that load a format at default settings, oldest first in catalog order. */
    public List<ReleaseLine> linesThatRead(Family family, Format format) {
        return lines.stream()
                .filter(l -> l.family().id().equals(family.id()) && l.loadRule().canRead(format))
                .toList();
    }

    private Datastore identifyRelease(ImageReference image, KnownRepository repository) {
        DigestPin pin = image.digest() == null ? null : digestPins.get(image.digest());
        if (pin != null) {
            return datastore(image, repository, pin.version(), true,
                    "digest " + image.digest() + " is pinned to version " + pin.version() + " (" + pin.source() + ")");
        }
        String tag = image.effectiveTag();
        if (tag == null) {
            return datastore(image, repository, null, false,
                    "a digest alone does not say which release it is, and the catalog pins no version to it");
        }
        Optional<TagMatch> match = repository.tags().match(tag);
        if (match.isEmpty()) {
            return datastore(image, repository, null, false,
                    "the tag " + tag + " is not a tag form rdb-guard knows for " + repository.path());
        }
        TagMatch found = match.get();
        return datastore(image, repository, found.version(), found.pattern().pinned(),
                "the tag " + tag + " " + found.pattern().meaning());
    }

    private Datastore datastore(ImageReference image, KnownRepository repository, String version, boolean pinned,
            String pinning) {
        ReleaseLine line = version == null ? null : line(repository.family(), version).orElse(null);
        return new Datastore(image, repository, version, line, pinned, pinning,
                line != null ? List.of(line) : candidates(repository.family(), version));
    }

    /**
     * The lines a reference without a known line could run: every line of the family when it names no version
     * (latest, a digest, a tag form the grammar does not know), the lines of its major for a major tag (valkey:8);
     * none for a version the catalog has no line for.
     */
    private List<ReleaseLine> candidates(Family family, String version) {
        return lines.stream()
                .filter(l -> l.family().id().equals(family.id()))
                .filter(l -> version == null || (version.matches("\\d+") && l.line().startsWith(version + ".")))
                .toList();
    }

    /** Longest path-component suffix match; then Docker Hub official images by last component (see catalog.yaml). */
    private Optional<CatalogRepository> repositoryOf(String path) {
        List<String> image = Arrays.asList(path.split("/"));
        CatalogRepository best = null;
        int bestLength = 0;
        for (CatalogRepository candidate : repositories) {
            int length = matchLength(candidate.path(), image);
            if (length > bestLength) {
                best = candidate;
                bestLength = length;
            }
        }
        if (best != null) {
            return Optional.of(best);
        }
        String lastComponent = image.get(image.size() - 1);
        return repositories.stream()
                .filter(r -> r.path().equals(DOCKER_HUB_OFFICIAL + lastComponent))
                .findFirst();
    }

    private static int matchLength(String repositoryPath, List<String> image) {
        List<String> withRegistry = Arrays.asList(repositoryPath.split("/"));
        if (endsWith(image, withRegistry)) {
            return withRegistry.size();
        }
        List<String> withoutRegistry = withRegistry.subList(1, withRegistry.size());
        return endsWith(image, withoutRegistry) ? withoutRegistry.size() : 0;
    }

    private static boolean endsWith(List<String> path, List<String> suffix) {
        return suffix.size() <= path.size() && path.subList(path.size() - suffix.size(), path.size()).equals(suffix);
    }
}
