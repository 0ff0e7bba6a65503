package io.rdbguard.manifests;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchCondition;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.rdbguard.kube.WorkloadMapper;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The helm-workloads webhook fails closed, so every request it is sent waits for rdb-guard and is refused while
 * rdb-guard is down. Its matchConditions (CEL, evaluated by kube-apiserver before calling) must send exactly the
 * objects rdb-guard judges (kube.WorkloadMapper): not the ReplicaSets a Deployment creates and scales, which carry the
 * managed-by: Helm label of a Bitnami pod template. Each expression is compiled and run here with CEL's reference
 * implementation, with {@code object}, {@code oldObject} and {@code request} as kube-apiserver declares them.
 */
class ChartMatchConditionsTest {

    private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS) // has(), exists(): kube-apiserver enables them too
            .addVar("object", SimpleType.DYN)
            .addVar("oldObject", SimpleType.DYN)
            .addVar("request", SimpleType.DYN)
            .setResultType(SimpleType.BOOL)
            .build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

    private static ValidatingWebhook fromChart;
    private static ValidatingWebhook fromManifests;

    @BeforeAll
    static void render() {
        fromChart = helmWorkloads(ChartTest.DEFAULTS.render());
        fromManifests = helmWorkloads(Rendered.of(Tools.kustomize(Path.of("manifests"))));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a Helm-managed Deployment is sent                                   | true  | {kind: Deployment, metadata: {name: web, labels: {app.kubernetes.io/managed-by: Helm}}}
            a ReplicaSet its Deployment created with the pod template's Helm label is not sent | false | {kind: ReplicaSet, metadata: {name: web-5d4f, labels: {app.kubernetes.io/managed-by: Helm}, ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: web, uid: u1, controller: true}]}}
            a Helm-managed ReplicaSet that no controller owns is sent            | true  | {kind: ReplicaSet, metadata: {name: cache, labels: {app.kubernetes.io/managed-by: Helm}}}
            a Helm-managed ReplicaSet with an owner that is not its controller is sent | true | {kind: ReplicaSet, metadata: {name: cache, labels: {app.kubernetes.io/managed-by: Helm}, ownerReferences: [{apiVersion: v1, kind: ConfigMap, name: c, uid: u2}]}}
            a Deployment managed by another tool is not sent                    | false | {kind: Deployment, metadata: {name: web, labels: {app.kubernetes.io/managed-by: argocd}}}
            a DaemonSet without any label is not sent (and is no evaluation error) | false | {kind: DaemonSet, metadata: {name: agent}}
            a Helm-managed DaemonSet is sent                                    | true  | {kind: DaemonSet, metadata: {name: agent, labels: {app.kubernetes.io/managed-by: Helm}}}
            """)
    void the_helm_workloads_webhook_is_sent_exactly_what_rdb_guard_judges(String description, boolean sent, String objectYaml)
            throws Exception {
        Map<String, Object> object = Rendered.YAML.readValue(objectYaml, new TypeReference<>() { });
        object.put("apiVersion", "apps/v1");
        Map<String, Object> request = Map.of(
                "kind", Map.of("group", "apps", "version", "v1", "kind", object.get("kind")),
                "operation", "UPDATE");
        Map<String, Object> variables = new HashMap<>();
        variables.put("object", object);
        variables.put("oldObject", object);
        variables.put("request", request);
        HasMetadata typed = (HasMetadata) Rendered.YAML.convertValue(object, KubernetesResource.class);
        assertAll(
                () -> assertEquals(sent, allMatch(fromChart, variables), "the chart's webhook"),
                () -> assertEquals(sent, allMatch(fromManifests, variables), "manifests/"),
                () -> assertEquals(sent, WorkloadMapper.toWorkload(typed).isPresent(), "rdb-guard judges it"));
    }

    private static ValidatingWebhook helmWorkloads(Rendered rendered) {
        return ChartTest.webhooks(rendered).stream().filter(h -> h.getName().equals("helm-workloads.rdb-guard.io"))
                .findFirst().orElseThrow();
    }

    /** kube-apiserver calls the webhook when every condition is true; an evaluation error would fail the request. */
    private static boolean allMatch(ValidatingWebhook webhook, Map<String, Object> variables) throws Exception {
        List<MatchCondition> conditions = webhook.getMatchConditions();
        for (MatchCondition condition : conditions) {
            var ast = COMPILER.compile(condition.getExpression()).getAst();
            if (!(Boolean) RUNTIME.createProgram(ast).eval(variables)) {
                return false;
            }
        }
        return !conditions.isEmpty();
    }
}
