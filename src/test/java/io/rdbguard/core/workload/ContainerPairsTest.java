package io.rdbguard.core.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContainerPairsTest {

    /** Stand-in lineage: the image's repository, for images named like a datastore family. */
    static final Function<Container, Optional<String>> FAMILY = c -> c.image().startsWith("redis") || c.image().startsWith("valkey")
            ? Optional.of(c.image().split(":")[0]) : Optional.empty();

    static Container container(String name, String image) {
        return new Container(name, image, false, List.of(), null, null, null);
    }

    static Change update(List<Container> before, List<Container> after) {
        return new Change("uid", Operation.UPDATE, workload(after), workload(before), Requester.UNKNOWN, false);
    }

    static Workload workload(List<Container> containers) {
        return new Workload("StatefulSet", "shop", "cache", Map.of(), Map.of(), new Workload.PodTemplate(Map.of(), List.of(), containers));
    }

    static List<String> pairs(Change change) {
        return ContainerPairs.of(change, FAMILY).stream().map(p -> p.before().name() + "→" + p.after().name()).toList();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "|", textBlock = """
            containers pair by name                                  | redis=redis:7.2,exporter=oliver:1 | redis=redis:7.4,exporter=oliver:2 | redis→redis,exporter→exporter
            a renamed datastore pairs with its family's predecessor  | redis=redis:7.2,exporter=oliver:1 | cache=redis:7.4,exporter=oliver:1 | exporter→exporter,redis→cache
            a renamed datastore pairs with the only old datastore    | redis=redis:7.2                   | cache=valkey:9.0                  | redis→cache
            with two old datastores of other families, none pairs    | a=redis:7.2,b=redis:7.4           | cache=valkey:9.0                  | ''
            a renamed sidecar pairs with nothing                     | exporter=oliver:1                 | metrics=oliver:1                  | ''
            """)
    void containers_pair_as_a_user_would_expect(String sentence, String before, String after, String expected) {
        assertEquals(expected.isEmpty() ? List.of() : List.of(expected.split(",")), pairs(update(parse(before), parse(after))));
    }

    @Test
    void a_create_has_no_pairs() {
        Change create = new Change("uid", Operation.CREATE, workload(parse("redis=redis:7.2")), null, Requester.UNKNOWN, false);
        assertEquals(List.of(), pairs(create));
    }

    @Test
    void thousands_of_renamed_containers_each_pair_with_their_own_predecessor() {
        List<Container> before = IntStream.range(0, 3000).mapToObj(i -> container("old-" + i, "redis" + i + ":7.2")).toList();
        List<Container> after = IntStream.range(0, 3000).mapToObj(i -> container("new-" + i, "redis" + i + ":7.4")).toList();

        List<ContainerPair> pairs = ContainerPairs.of(update(before, after), FAMILY);

        assertEquals(3000, pairs.size());
        assertEquals(List.of(), pairs.stream()
                .filter(p -> !p.before().name().substring(4).equals(p.after().name().substring(4))).toList(),
                "each new container pairs with the old one of its own lineage");
    }

    static List<Container> parse(String spec) {
        List<Container> containers = new ArrayList<>();
        for (String entry : spec.split(",")) {
            String[] parts = entry.split("=");
            containers.add(container(parts[0], parts[1]));
        }
        return containers;
    }
}
