package io.rdbguard.webhook;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.rdbguard.core.engine.Judge;
import io.rdbguard.data.EngineFactory;
import io.rdbguard.helm.ReleaseDecoder;
import io.rdbguard.helm.ReleasePreflight;
import io.rdbguard.kube.BadReviewException;
import io.rdbguard.kube.LiveObjects;
import io.rdbguard.kube.LiveStates;
import io.rdbguard.kube.OnLookupFailure;
import io.rdbguard.testing.FakeApi;
import io.rdbguard.testing.Fixtures;
import io.rdbguard.testing.FuzzSeeds;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The endpoint's code path without HTTP: {@link ValidateRoute#review} (reader, Changes or the Helm pre-flight, the
 * logging judge, the response), {@link ErrorResponses} for its refusals, and the answer written as the route writes it.
 * An exception that escapes {@link #post} is what the route would answer with a 500. Live objects are the v1 release's
 * StatefulSets, as in the HTTPS tests.
 */
final class InProcessWebhook {

    /** The HTTP status and the JSON body the webhook answers. */
    record Answer(int status, JsonNode body) {
    }

    /** Quarkus's ObjectMapper reads unknown fields without complaint. */
    private final ObjectMapper mapper = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final ValidateRoute route;

    InProcessWebhook() {
        Judge judge;
        try {
            judge = new LoggingJudge(EngineFactory.build(EngineFactory.Sources.BUILT_IN, Clock.systemUTC()), MeteredJudge.ADMISSION,
                    Duration.ofSeconds(1));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        Map<String, StatefulSet> running = Map.of(
                "mastodon-redis-master", Fixtures.statefulSet(FuzzSeeds.CHART, "mastodon-redis-master"),
                "mastodon-redis-replicas", Fixtures.statefulSet(FuzzSeeds.CHART, "mastodon-redis-replicas"));
        LiveObjects cluster = FakeApi.of((type, namespace, name) -> type == StatefulSet.class && "mastodon".equals(namespace)
                ? Optional.ofNullable(running.get(name)) : Optional.empty());
        LiveStates live = new LiveStates(cluster, Runnable::run, Duration.ofSeconds(3), OnLookupFailure.ALLOW, true);
        ReleasePreflight preflight = new ReleasePreflight(new ReleaseDecoder(32L << 20), live, judge);
        // No Vert.x: the route is not installed, only its review step runs.
        route = new ValidateRoute(judge, new ReleaseReviews(preflight), live, mapper, null);
    }

    Answer post(String body) throws IOException {
        try {
            return new Answer(200, mapper.readTree(mapper.writeValueAsString(route.review("application/json",
                    body.getBytes(StandardCharsets.UTF_8)))));
        } catch (BadReviewException e) {
            return new Answer(e.status(), mapper.readTree(ErrorResponses.json(mapper, e.status(), e.getMessage())));
        }
    }
}
