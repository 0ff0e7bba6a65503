package io.rdbguard.webhook;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.response.Response;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The failures the fuzzer found (and the other null list elements of the same cause), kept as the bodies that showed
 * them (src/test/resources/fuzz-regressions) and answered over HTTPS as they must be now: a 400 naming the field, or a
 * verdict in which a harmless null is ignored and a broken character is a space. For a verdict the table gives the
 * first line a user reads: the denial, or the first warning of an allowed request.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(TestEnvironment.class)
class FuzzRegressionsTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource(value = "/validate", tls = true)
    URL validate;

    @KubernetesTestServer
    KubernetesServer server;

    @BeforeEach
    void theV1ReleaseRuns() {
        HelmReleaseHttpsTest.runV1Release(server.getClient());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a null container is refused naming it                | null-in-containers                        | 400 | request.oldObject.spec.template.spec.containers[1] is null; remove it
            a null init container is refused naming it           | null-in-init-containers                   | 400 | request.object.spec.template.spec.initContainers[0] is null; remove it
            a null exec command word is refused naming it        | null-in-exec-command                      | 400 | request.oldObject.spec.template.spec.containers[0].readinessProbe.exec.command[3] is null; remove it
            a null env entry is refused naming it                | null-in-env                               | 400 | request.object.spec.template.spec.containers[0].env[1] is null; remove it
            a null volume is refused naming it                   | null-in-volumes                           | 400 | request.object.spec.template.spec.volumes[4] is null; remove it
            a null owner reference is refused naming it          | null-in-owner-references                  | 400 | request.object.metadata.ownerReferences[0] is null; remove it
            a null group of the user is refused naming it        | null-in-user-groups                       | 400 | request.userInfo.groups[2] is null; remove it
            a Helm record without a namespace is refused         | helm-record-without-a-namespace           | 400 | request.namespace is missing; a Helm release record is a namespaced Secret and kube-apiserver always names its namespace
            a number as uid is refused, not echoed as other text | a-number-as-uid                           | 400 | request.uid is a number; kube-apiserver sends it as a string
            an unpaired surrogate quoted in a Status is a space  | unpaired-surrogate-in-a-container-port    | 400 | the AdmissionReview does not have the expected shape at request.oldObject.spec.template.spec.containers[0].ports[0].containerPort: Cannot deserialize value of type `java.lang.Integer` from String " ": not a valid `java.lang.Integer` value
            a null annotation value is ignored, not a backup     | null-annotation-value                     | 200 | rdb-guard denied StatefulSet mastodon/mastodon-redis-master: 1 violation
            a null label value is ignored                        | null-label-value                          | 200 | rdb-guard denied StatefulSet mastodon/mastodon-redis-master: 1 violation
            an unpaired surrogate in a name is a space           | unpaired-surrogate-in-the-name            | 200 | rdb-guard denied StatefulSet mastodon/ : 1 violation
            an unpaired surrogate in an image is a space         | unpaired-surrogate-in-an-image            | 200 | [image-unpinned] container redis: image " " is not a valid reference: " " is not a valid repository path component: use lowercase letters and digits, joined by '.', '_', '__' or '-' (e.g.… Fix: write the image as [registry/]repository[:tag][@digest]
            a warning is never cut inside an emoji               | emoji-container-name-cut-in-a-warning     | 200 | [probe-depth] container 😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀…
            a null port in a Helm release manifest is a warning  | null-in-ports-of-a-helm-release-manifest  | 200 | rdb-guard denied Helm release mastodon (chart redis-19.6.4, revision 2) before Helm changed anything: 1 workload violates the policy
            """)
    void each_body_the_fuzzer_broke_the_webhook_with_gets_its_answer(String sentence, String fixture, int status, String message)
            throws Exception {
        Response response = post(fixture);

        assertEquals(status, response.statusCode(), response.asString());
        JsonNode body = JSON.readTree(response.asString());
        assertEquals(message, firstLineAUserReads(body), response.asString());
    }

    @Test
    void the_unreadable_workload_of_a_helm_release_is_named_in_a_warning_and_the_others_are_judged() throws Exception {
        JsonNode body = JSON.readTree(post("null-in-ports-of-a-helm-release-manifest").then().statusCode(200).extract().asString());

        assertTrue(StreamSupport.stream(body.path("response").path("warnings").spliterator(), false).map(JsonNode::asText)
                .anyMatch(w -> w.startsWith("[helm-release] could not read release mastodon (chart redis-19.6.4,"
                        + " revision 2) manifest:39 (document 13)")), body.toString());
    }

    Response post(String fixture) throws IOException {
        return given().contentType("application/json")
                .body(Files.readString(Path.of("src/test/resources/fuzz-regressions", fixture + ".json")))
                .when().post(validate);
    }

    /** A Status's message; a denial's first line; an allowed request's first warning. */
    static String firstLineAUserReads(JsonNode body) {
        if (body.has("message")) {
            return body.get("message").asText();
        }
        JsonNode response = body.path("response");
        return response.path("allowed").asBoolean() ? response.path("warnings").path(0).asText()
                : response.path("status").path("message").asText().lines().findFirst().orElse("");
    }
}
