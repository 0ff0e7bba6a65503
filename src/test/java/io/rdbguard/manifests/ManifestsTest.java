package io.rdbguard.manifests;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.rdbguard.core.check.CheckDescriptor;
import io.rdbguard.core.registry.CheckRegistry;
import io.rdbguard.data.PolicyLoader;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Parses every file under manifests/ so that a typo fails the build, then checks what an operator relies on. */
class ManifestsTest {

    private static final Path MANIFESTS = Path.of("manifests");
    private static final Path BASE = MANIFESTS.resolve("base");
    private static final Path CERT_MANAGER = MANIFESTS.resolve("cert-manager");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static final String IMAGE = "ghcr.io/rdb-guard/rdb-guard";
    private static final Set<String> KUSTOMIZATION_FIELDS =
            Set.of("apiVersion", "kind", "namespace", "resources", "patches", "images");

    // ---- every file parses into known kinds with known fields ----

    static List<Path> manifestFiles() throws IOException {
        return yamlFiles(MANIFESTS).stream().filter(Predicate.not(ManifestsTest::isKustomization)).toList();
    }

    static List<Path> kustomizations() throws IOException {
        return yamlFiles(MANIFESTS).stream().filter(ManifestsTest::isKustomization).toList();
    }

    @ParameterizedTest
    @MethodSource("manifestFiles")
    void every_manifest_has_only_known_kinds_and_fields(Path file) {
        List<KubernetesResource> documents = documents(file);
        assertFalse(documents.isEmpty(), file + " holds no Kubernetes object");
        List<String> problems = new ArrayList<>();
        for (KubernetesResource document : documents) {
            HasMetadata resource = (HasMetadata) document;
            String where = resource.getKind() + " " + resource.getMetadata().getName();
            if (resource instanceof GenericKubernetesResource generic) {
                if (!CustomResourceFields.known(generic.getApiVersion(), generic.getKind())) {
                    problems.add(where + ": unknown kind for apiVersion " + generic.getApiVersion()
                            + " (misspelled kind or apiVersion?)");
                    continue;
                }
                CustomResourceFields.unknownIn(YAML.valueToTree(generic))
                        .forEach(path -> problems.add(where + ": unknown field " + path));
            } else {
                UnknownFields.in(resource).forEach(path -> problems.add(where + ": unknown field " + path));
            }
        }
        assertTrue(problems.isEmpty(), file + ":\n  " + String.join("\n  ", problems));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {apiVersion: apps/v1, kind: Deployment, spec: {replcas: 2}} | spec.replcas
            {apiVersion: apps/v1, kind: Deployment, spec: {template: {spec: {containers: [{name: a, imagePullPolcy: Always}]}}}} | spec.template.spec.containers[0].imagePullPolcy
            {apiVersion: admissionregistration.k8s.io/v1, kind: ValidatingWebhookConfiguration, webhooks: [{name: a, sideEffect: None}]} | webhooks[0].sideEffect
            {apiVersion: v1, kind: Service, metadata: {name: a, lables: {a: b}}} | metadata.lables
            """)
    void a_misspelled_field_is_reported_with_its_path(String yaml, String path) throws IOException {
        KubernetesResource resource = YAML.readValue(yaml, KubernetesResource.class);
        assertEquals(List.of(path), UnknownFields.in(resource));
    }

    @Test
    void a_misspelled_cert_manager_field_is_reported_with_its_path() throws IOException {
        JsonNode certificate = YAML.readTree("""
                apiVersion: cert-manager.io/v1
                kind: Certificate
                metadata: {name: a}
                spec: {secretName: a, privateKey: {algoritm: ECDSA}}
                """);
        assertEquals(List.of("spec.privateKey.algoritm"), CustomResourceFields.unknownIn(certificate));
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void every_kustomization_lists_existing_files_and_every_file_is_listed(Path kustomization) throws IOException {
        JsonNode root = YAML.readTree(kustomization.toFile());
        Path dir = kustomization.getParent();
        Set<String> fields = new HashSet<>();
        root.fieldNames().forEachRemaining(fields::add);
        fields.removeAll(KUSTOMIZATION_FIELDS);
        assertTrue(fields.isEmpty(), kustomization + ": unexpected fields " + fields);

        List<String> listed = listedPaths(root);
        for (String entry : listed) {
            Path target = dir.resolve(entry).normalize();
            assertTrue(Files.isRegularFile(target) || Files.isRegularFile(target.resolve("kustomization.yaml")),
                    kustomization + " lists " + entry + ", which is neither a file nor a kustomization directory");
        }
        try (Stream<Path> siblings = Files.list(dir)) {
            List<String> unlisted = siblings.filter(ManifestsTest::isYaml)
                    .filter(Predicate.not(ManifestsTest::isKustomization))
                    .map(file -> file.getFileName().toString())
                    .filter(name -> !listed.contains(name))
                    .toList();
            assertTrue(unlisted.isEmpty(), kustomization + " does not list " + unlisted + ": kubectl apply -k would skip them");
        }
    }

    // ---- the webhook registration ----

    @Test
    void the_webhook_fails_closed_quickly_and_has_no_side_effects() {
        ValidatingWebhook webhook = webhook();
        assertAll(
                () -> assertEquals("statefulsets.rdb-guard.io", webhook.getName()),
                () -> assertTrue(webhook.getTimeoutSeconds() <= 5, "timeoutSeconds " + webhook.getTimeoutSeconds() + " > 5"),
                () -> assertEquals("None", webhook.getSideEffects()),
                () -> assertEquals(List.of("v1"), webhook.getAdmissionReviewVersions()),
                () -> assertEquals("Fail", webhook.getFailurePolicy()),
                () -> assertEquals("Equivalent", webhook.getMatchPolicy()));
    }

    @Test
    void the_webhook_reviews_statefulset_creates_and_updates() {
        var rule = webhook().getRules().get(0);
        assertAll(
                () -> assertEquals(1, webhook().getRules().size()),
                () -> assertEquals(List.of("apps"), rule.getApiGroups()),
                () -> assertEquals(List.of("v1"), rule.getApiVersions()),
                () -> assertEquals(List.of("statefulsets"), rule.getResources()),
                () -> assertEquals(Set.of("CREATE", "UPDATE"), Set.copyOf(rule.getOperations())),
                () -> assertEquals("Namespaced", rule.getScope()));
    }

    @Test
    void the_webhook_never_reviews_its_own_namespace() {
        var expressions = webhook().getNamespaceSelector().getMatchExpressions();
        assertTrue(expressions.stream().anyMatch(e -> e.getKey().equals("kubernetes.io/metadata.name")
                        && e.getOperator().equals("NotIn") && e.getValues().contains(namespace())),
                "namespaceSelector must exclude namespace " + namespace() + ": " + expressions);
    }

    @Test
    void the_webhook_calls_the_service_port_that_reaches_the_https_container_port() {
        var target = webhook().getClientConfig().getService();
        Service service = base(Service.class);
        ServicePort port = service.getSpec().getPorts().stream()
                .filter(p -> p.getPort().equals(target.getPort())).findFirst()
                .orElseThrow(() -> new AssertionError("Service has no port " + target.getPort()));
        assertAll(
                () -> assertEquals(namespace() + "/" + service.getMetadata().getName(), target.getNamespace() + "/" + target.getName()),
                () -> assertEquals("/validate", target.getPath()),
                () -> assertEquals(443, target.getPort()),
                () -> assertEquals(8443, containerPort(port.getTargetPort())),
                () -> assertNull(webhook().getClientConfig().getCaBundle(),
                        "caBundle must not be in the file: every kubectl apply would reset the patched or injected value"));
    }

    // ---- the pods that serve it ----

    @Test
    void at_least_two_replicas_run_and_a_disruption_budget_keeps_one() {
        PodDisruptionBudget budget = base(PodDisruptionBudget.class);
        assertAll(
                () -> assertTrue(deployment().getSpec().getReplicas() >= 2, "replicas must be at least 2"),
                () -> assertEquals(1, budget.getSpec().getMinAvailable().getIntVal()),
                () -> assertTrue(selects(budget.getSpec().getSelector().getMatchLabels(), podLabels()),
                        "the PodDisruptionBudget does not select the Deployment's pods"),
                () -> assertEquals(0, deployment().getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal()));
    }

    @Test
    void the_service_selects_the_webhook_pods_and_exposes_only_the_webhook_port() {
        Service service = base(Service.class);
        Map<String, String> scrape = deployment().getSpec().getTemplate().getMetadata().getAnnotations();
        assertAll(
                () -> assertTrue(selects(service.getSpec().getSelector(), podLabels()),
                        "Service selector " + service.getSpec().getSelector() + " does not match pod labels " + podLabels()),
                () -> assertEquals(List.of(8443), service.getSpec().getPorts().stream()
                        .map(port -> containerPort(port.getTargetPort())).toList(), "the management port must not be in the Service"),
                () -> assertEquals("9000", scrape.get("prometheus.io/port")),
                () -> assertEquals("/q/metrics", scrape.get("prometheus.io/path")));
    }

    @Test
    void the_network_policy_admits_the_webhook_port_from_anywhere_and_management_only_from_the_scrapers() {
        NetworkPolicy policy = base(NetworkPolicy.class);
        List<NetworkPolicyIngressRule> rules = policy.getSpec().getIngress();
        Map<Integer, List<NetworkPolicyIngressRule>> byPort = new HashMap<>();
        for (NetworkPolicyIngressRule rule : rules) {
            assertNotNull(rule.getPorts(), "an ingress rule without ports opens every port");
            rule.getPorts().forEach(port -> byPort.computeIfAbsent(containerPort(port.getPort()), p -> new ArrayList<>()).add(rule));
        }
        assertAll(
                () -> assertTrue(selects(policy.getSpec().getPodSelector().getMatchLabels(), podLabels()),
                        "the NetworkPolicy does not select the webhook pods"),
                () -> assertEquals(List.of("Ingress"), policy.getSpec().getPolicyTypes()),
                () -> assertEquals(Set.of(8443, 9000), byPort.keySet(), "only the webhook and management ports"),
                () -> assertTrue(byPort.get(8443).stream().allMatch(rule -> rule.getFrom() == null || rule.getFrom().isEmpty()),
                        "kube-apiserver is not a pod: 8443 must be open to any source"),
                () -> assertTrue(byPort.get(9000).stream().allMatch(rule -> rule.getFrom() != null && !rule.getFrom().isEmpty()),
                        "the management port must be limited to the scrapers"));
    }

    @Test
    void the_container_runs_non_root_read_only_without_capabilities() {
        PodSecurityContext pod = podSpec().getSecurityContext();
        SecurityContext container = container().getSecurityContext();
        assertAll(
                () -> assertTrue(pod.getRunAsNonRoot(), "runAsNonRoot"),
                () -> assertEquals(185L, pod.getRunAsUser()),
                () -> assertEquals(185L, pod.getRunAsGroup()),
                () -> assertEquals("RuntimeDefault", pod.getSeccompProfile().getType()),
                () -> assertTrue(container.getReadOnlyRootFilesystem(), "readOnlyRootFilesystem"),
                () -> assertFalse(container.getAllowPrivilegeEscalation(), "allowPrivilegeEscalation"),
                () -> assertEquals(List.of("ALL"), container.getCapabilities().getDrop()),
                () -> assertEquals("restricted", base(Namespace.class).getMetadata().getLabels()
                        .get("pod-security.kubernetes.io/enforce")));
    }

    @Test
    void the_only_permissions_are_reads_of_workloads_pods_and_claims_bound_to_the_pods_service_account() {
        ClusterRole role = base(ClusterRole.class);
        ClusterRoleBinding binding = base(ClusterRoleBinding.class);
        Map<String, String> granted = new LinkedHashMap<>();
        role.getRules().forEach(rule -> rule.getResources().forEach(resource ->
                granted.put(String.join(",", rule.getApiGroups()) + "/" + resource, String.join(",", rule.getVerbs()))));
        assertAll(
                () -> assertEquals(Map.of(
                        "apps/statefulsets", "get", "apps/deployments", "get", "apps/daemonsets", "get",
                        "apps/replicasets", "get", "/pods", "get,list", "/persistentvolumeclaims", "get,list"), granted),
                () -> assertEquals(role.getMetadata().getName(), binding.getRoleRef().getName()),
                () -> assertEquals(base(ServiceAccount.class).getMetadata().getName(), binding.getSubjects().get(0).getName()),
                () -> assertEquals(namespace(), binding.getSubjects().get(0).getNamespace()),
                () -> assertEquals(base(ServiceAccount.class).getMetadata().getName(), podSpec().getServiceAccountName()),
                () -> assertTrue(baseResources().stream().filter(r -> r.getApiVersion().startsWith("rbac."))
                        .allMatch(r -> r instanceof ClusterRole || r instanceof ClusterRoleBinding), "no other RBAC"));
    }

    @Test
    void no_webhook_reviews_kube_system_or_a_namespace_labelled_to_opt_out() {
        for (ValidatingWebhook hook : webhooks()) {
            var expressions = hook.getNamespaceSelector().getMatchExpressions();
            assertAll(hook.getName(),
                    () -> assertTrue(expressions.stream().anyMatch(e -> e.getKey().equals("kubernetes.io/metadata.name")
                            && e.getOperator().equals("NotIn") && e.getValues().contains("kube-system")), "kube-system"),
                    () -> assertTrue(expressions.stream().anyMatch(e -> e.getKey().equals("rdb-guard.io/ignore")
                            && e.getOperator().equals("NotIn") && e.getValues().equals(List.of("true"))),
                            "kubectl label namespace NAME rdb-guard.io/ignore=true must opt out"));
        }
    }

    @Test
    void the_webhook_pods_run_at_a_priority_the_scheduler_does_not_evict_for_ordinary_pods() {
        assertEquals("system-cluster-critical", podSpec().getPriorityClassName());
    }

    @Test
    void every_webhook_is_quick_side_effect_free_and_skips_its_own_namespace() {
        for (ValidatingWebhook hook : webhooks()) {
            assertAll(hook.getName(),
                    () -> assertTrue(hook.getTimeoutSeconds() <= 5),
                    () -> assertEquals("None", hook.getSideEffects()),
                    () -> assertEquals(List.of("v1"), hook.getAdmissionReviewVersions()),
                    () -> assertEquals("/validate", hook.getClientConfig().getService().getPath()),
                    () -> assertTrue(hook.getNamespaceSelector().getMatchExpressions().stream().anyMatch(e ->
                            e.getKey().equals("kubernetes.io/metadata.name") && e.getValues().contains(namespace()))));
        }
    }

    @Test
    void helm_workloads_are_reviewed_only_when_labelled_as_helm_managed_and_fail_closed() {
        ValidatingWebhook hook = webhooks().get(1);
        assertAll(
                () -> assertEquals(Map.of("app.kubernetes.io/managed-by", "Helm"), hook.getObjectSelector().getMatchLabels()),
                () -> assertEquals(Set.of("deployments", "daemonsets", "replicasets"), Set.copyOf(hook.getRules().get(0).getResources())),
                () -> assertEquals("Fail", hook.getFailurePolicy()));
    }

    @Test
    void helm_release_records_are_reviewed_on_create_and_fail_open() {
        ValidatingWebhook hook = webhooks().get(2);
        assertAll(
                () -> assertEquals(Map.of("owner", "helm"), hook.getObjectSelector().getMatchLabels()),
                () -> assertEquals(Set.of("secrets", "configmaps"), Set.copyOf(hook.getRules().get(0).getResources())),
                () -> assertEquals(List.of("CREATE"), hook.getRules().get(0).getOperations()),
                () -> assertEquals("Ignore", hook.getFailurePolicy()));
    }

    @ParameterizedTest
    @CsvSource({
            "startup,   /q/health/started",
            "readiness, /q/health/ready",
            "liveness,  /q/health/live"})
    void every_probe_hits_its_health_endpoint_on_the_management_port(String kind, String path) {
        Probe probe = switch (kind) {
            case "startup" -> container().getStartupProbe();
            case "readiness" -> container().getReadinessProbe();
            default -> container().getLivenessProbe();
        };
        assertNotNull(probe, kind + " probe missing");
        assertEquals(path, probe.getHttpGet().getPath());
        assertEquals(9000, containerPort(probe.getHttpGet().getPort()));
    }

    @Test
    void memory_has_a_limit_and_cpu_does_not() {
        var resources = container().getResources();
        assertAll(
                () -> assertEquals("384Mi", resources.getLimits().get("memory").toString()),
                () -> assertFalse(resources.getLimits().containsKey("cpu"), "a CPU limit throttles the webhook into timeouts"),
                () -> assertTrue(resources.getRequests().containsKey("cpu")),
                () -> assertTrue(resources.getRequests().containsKey("memory")));
    }

    @Test
    void pods_drain_from_the_service_before_they_stop_and_kubelet_waits_for_the_whole_shutdown() throws IOException {
        List<String> preStop = container().getLifecycle().getPreStop().getExec().getCommand();
        long sleepSeconds = Long.parseLong(preStop.get(1));
        long delay = seconds(applicationProperty("quarkus.shutdown.delay"));
        long timeout = seconds(applicationProperty("quarkus.shutdown.timeout"));
        assertAll(
                () -> assertEquals("sleep", preStop.get(0)),
                () -> assertEquals("true", applicationProperty("quarkus.shutdown.delay-enabled")),
                () -> assertTrue(sleepSeconds + delay + timeout < podSpec().getTerminationGracePeriodSeconds(),
                        "terminationGracePeriodSeconds must exceed preStop sleep " + sleepSeconds + " s + quarkus.shutdown.delay "
                                + delay + " s + quarkus.shutdown.timeout " + timeout + " s, or kubelet kills reviews in flight"),
                () -> assertTrue(timeout >= 5, "quarkus.shutdown.timeout must let a 5 s review finish"));
    }

    private static String applicationProperty(String key) throws IOException {
        Properties properties = new Properties();
        try (var in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            properties.load(in);
        }
        return Objects.requireNonNull(properties.getProperty(key), key + " is not set in application.properties");
    }

    private static long seconds(String duration) {
        if (!duration.matches("\\d+s")) {
            throw new AssertionError("write the shutdown durations in whole seconds (e.g. 5s), not " + duration);
        }
        return Long.parseLong(duration.substring(0, duration.length() - 1));
    }

    @Test
    void the_image_is_the_pom_version() throws Exception {
        String version = pomVersion();
        JsonNode images = YAML.readTree(BASE.resolve("kustomization.yaml").toFile()).path("images");
        String dockerfile = Files.readString(Path.of("src/main/docker/Dockerfile.jvm"));
        assertAll(
                () -> assertEquals(IMAGE + ":" + version, container().getImage()),
                () -> assertEquals(IMAGE, images.path(0).path("name").asText()),
                () -> assertEquals(version, images.path(0).path("newTag").asText()),
                () -> assertTrue(dockerfile.contains("-t " + IMAGE + ":" + version + " "),
                        "Dockerfile.jvm's build command must tag " + IMAGE + ":" + version));
    }

    @Test
    void the_image_runs_as_the_pod_user_and_exposes_the_container_ports() throws IOException {
        String dockerfile = Files.readString(Path.of("src/main/docker/Dockerfile.jvm"));
        List<Integer> ports = container().getPorts().stream().map(ContainerPort::getContainerPort).toList();
        assertAll(
                () -> assertTrue(dockerfile.contains("\nUSER " + podSpec().getSecurityContext().getRunAsUser() + "\n")),
                () -> assertTrue(dockerfile.contains("\nEXPOSE " + ports.get(0) + " " + ports.get(1) + "\n"), "EXPOSE " + ports),
                () -> assertTrue(dockerfile.contains("-Dvertx.cacheDirBase=/tmp/vertx-cache"), "Vert.x cache under /tmp"),
                () -> assertEquals("emptyDir", volumeSourceKind(mountedAt("/tmp"))));
    }

    @Test
    void the_tls_directory_and_policy_file_are_mounted_where_the_env_vars_point() {
        Volume tls = mountedAt(env("RDB_GUARD_TLS_DIR"));
        Path policyFile = Path.of(env("RDB_GUARD_POLICY_FILE"));
        Volume policy = mountedAt(policyFile.getParent().toString());
        assertAll(
                () -> assertEquals("/etc/rdb-guard/tls", env("RDB_GUARD_TLS_DIR")),
                () -> assertEquals("rdb-guard-tls", tls.getSecret().getSecretName()),
                () -> assertEquals("rdb-guard-policy", policy.getConfigMap().getName()),
                () -> assertTrue(base(ConfigMap.class).getData()
                        .containsKey(policyFile.getFileName().toString())),
                () -> assertTrue(container().getVolumeMounts().stream().allMatch(m -> m.getSubPath() == null),
                        "subPath mounts are never updated: rotation and policy reload would not work"),
                () -> assertEquals("true", env("QUARKUS_LOG_CONSOLE_JSON_ENABLED")));
    }

    @Test
    void the_shipped_policy_is_accepted_by_rdb_guard_and_shows_every_check_at_its_default_mode() throws Exception {
        String policy = base(ConfigMap.class).getData().get("policy.yaml");
        PolicyLoader.load(policy, "manifests/base/configmap-policy.yaml", CheckRegistry.DESCRIPTORS);
        Map<String, String> shipped = new LinkedHashMap<>();
        YAML.readTree(policy).path("modes").fields().forEachRemaining(e -> shipped.put(e.getKey(), e.getValue().asText()));
        Map<String, String> defaults = new LinkedHashMap<>();
        CheckRegistry.DESCRIPTORS.forEach(d -> defaults.put(d.id(), d.defaultMode().label()));
        assertEquals(defaults, shipped, "the ConfigMap lists every check, in report order, at its descriptor's default mode");
        for (CheckDescriptor check : CheckRegistry.DESCRIPTORS) {
            assertTrue(policy.contains("# " + check.title() + "\n  " + check.id() + ": "),
                    "the ConfigMap explains " + check.id() + " with its descriptor's title");
        }
    }

    // ---- the cert-manager overlay ----

    @Test
    void cert_manager_issues_the_secret_the_pods_mount_for_the_service_names() {
        Map<String, JsonNode> byKindAndName = certManagerResources();
        JsonNode serving = byKindAndName.get("Certificate/rdb-guard-tls");
        assertNotNull(serving, "Certificate rdb-guard-tls missing");
        List<String> dnsNames = new ArrayList<>();
        serving.path("spec").path("dnsNames").forEach(name -> dnsNames.add(name.asText()));
        Service service = base(Service.class);
        String host = service.getMetadata().getName() + "." + namespace() + ".svc";
        assertAll(
                () -> assertEquals(mountedAt(env("RDB_GUARD_TLS_DIR")).getSecret().getSecretName(),
                        serving.path("spec").path("secretName").asText()),
                () -> assertTrue(dnsNames.containsAll(List.of(host, host + ".cluster.local")), "dnsNames " + dnsNames),
                () -> assertEquals("ECDSA", serving.path("spec").path("privateKey").path("algorithm").asText()),
                () -> assertEquals("PKCS8", serving.path("spec").path("privateKey").path("encoding").asText()));
    }

    @Test
    void cert_manager_chains_self_signed_issuer_to_ca_to_serving_certificate() {
        Map<String, JsonNode> resources = certManagerResources();
        JsonNode serving = resources.get("Certificate/rdb-guard-tls");
        JsonNode caIssuer = issuerOf(serving, resources);
        JsonNode caCertificate = resources.values().stream()
                .filter(r -> r.path("kind").asText().equals("Certificate")
                        && r.path("spec").path("secretName").equals(caIssuer.path("spec").path("ca").path("secretName")))
                .findFirst().orElseThrow(() -> new AssertionError("no Certificate writes the CA issuer's secret"));
        assertAll(
                () -> assertTrue(caCertificate.path("spec").path("isCA").asBoolean(), "the CA certificate needs isCA: true"),
                () -> assertTrue(issuerOf(caCertificate, resources).path("spec").has("selfSigned")));
    }

    @Test
    void cert_manager_injects_the_serving_certificates_ca_into_the_webhook() {
        ValidatingWebhookConfiguration patch = (ValidatingWebhookConfiguration) documents(
                CERT_MANAGER.resolve("webhook-inject-ca.yaml")).get(0);
        assertAll(
                () -> assertEquals(base(ValidatingWebhookConfiguration.class).getMetadata().getName(),
                        patch.getMetadata().getName()),
                () -> assertEquals(namespace() + "/rdb-guard-tls",
                        patch.getMetadata().getAnnotations().get("cert-manager.io/inject-ca-from")),
                () -> assertEquals(namespace(), YAML.readTree(CERT_MANAGER.resolve("kustomization.yaml").toFile())
                        .path("namespace").asText()));
    }

    // ---- helpers ----

    private static List<Path> yamlFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(ManifestsTest::isYaml).sorted().toList();
        }
    }

    private static boolean isYaml(Path file) {
        String name = file.getFileName().toString();
        return Files.isRegularFile(file) && (name.endsWith(".yaml") || name.endsWith(".yml"));
    }

    private static boolean isKustomization(Path file) {
        return file.getFileName().toString().equals("kustomization.yaml");
    }

    private static List<KubernetesResource> documents(Path file) {
        try {
            return YAML.readerFor(KubernetesResource.class).<KubernetesResource>readValues(file.toFile()).readAll();
        } catch (IOException e) {
            throw new AssertionError(file + " is not valid Kubernetes YAML: " + e.getMessage(), e);
        }
    }

    private static List<String> listedPaths(JsonNode kustomization) {
        List<String> listed = new ArrayList<>();
        kustomization.path("resources").forEach(entry -> listed.add(entry.asText()));
        kustomization.path("patches").forEach(entry -> listed.add(entry.path("path").asText()));
        return listed;
    }

    /** The objects `kubectl apply -k manifests/` creates, in the order base/kustomization.yaml lists them. */
    private static List<HasMetadata> baseResources() {
        List<HasMetadata> resources = new ArrayList<>();
        try {
            for (String file : listedPaths(YAML.readTree(BASE.resolve("kustomization.yaml").toFile()))) {
                documents(BASE.resolve(file)).forEach(r -> resources.add((HasMetadata) r));
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return resources;
    }

    /** The namespace kustomize installs into; the places kustomize does not rewrite must follow it. */
    private static String namespace() {
        try {
            return YAML.readTree(BASE.resolve("kustomization.yaml").toFile()).path("namespace").asText();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static <T extends HasMetadata> T base(Class<T> type) {
        List<T> matches = baseResources().stream().filter(type::isInstance).map(type::cast).toList();
        assertEquals(1, matches.size(), "expected exactly one " + type.getSimpleName() + " in " + BASE);
        return matches.get(0);
    }

    private static Map<String, JsonNode> certManagerResources() {
        Map<String, JsonNode> byKindAndName = new HashMap<>();
        for (String file : List.of("ca.yaml", "certificate.yaml")) {
            for (KubernetesResource document : documents(CERT_MANAGER.resolve(file))) {
                JsonNode node = YAML.valueToTree(document);
                byKindAndName.put(node.path("kind").asText() + "/" + node.path("metadata").path("name").asText(), node);
            }
        }
        return byKindAndName;
    }

    private static JsonNode issuerOf(JsonNode certificate, Map<String, JsonNode> resources) {
        JsonNode ref = certificate.path("spec").path("issuerRef");
        JsonNode issuer = resources.get(ref.path("kind").asText() + "/" + ref.path("name").asText());
        assertNotNull(issuer, "issuerRef " + ref + " names no issuer in the overlay");
        return issuer;
    }

    /** The StatefulSet webhook, first in the configuration. */
    private static ValidatingWebhook webhook() {
        return webhooks().get(0);
    }

    private static List<ValidatingWebhook> webhooks() {
        List<ValidatingWebhook> webhooks = base(ValidatingWebhookConfiguration.class).getWebhooks();
        assertEquals(List.of("statefulsets.rdb-guard.io", "helm-workloads.rdb-guard.io", "helm-releases.rdb-guard.io"),
                webhooks.stream().map(ValidatingWebhook::getName).toList());
        return webhooks;
    }

    private static Deployment deployment() {
        return base(Deployment.class);
    }

    private static PodSpec podSpec() {
        return deployment().getSpec().getTemplate().getSpec();
    }

    private static Map<String, String> podLabels() {
        return deployment().getSpec().getTemplate().getMetadata().getLabels();
    }

    private static Container container() {
        assertEquals(1, podSpec().getContainers().size());
        return podSpec().getContainers().get(0);
    }

    private static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        return selector != null && !selector.isEmpty() && labels.entrySet().containsAll(selector.entrySet());
    }

    /** A port as written in a probe or Service (number or name), resolved against the container's ports. */
    private static int containerPort(IntOrString port) {
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return container().getPorts().stream().filter(p -> port.getStrVal().equals(p.getName()))
                .map(ContainerPort::getContainerPort).findFirst()
                .orElseThrow(() -> new AssertionError("the container has no port named " + port.getStrVal()));
    }

    private static String env(String name) {
        return container().getEnv().stream().filter(e -> e.getName().equals(name)).map(EnvVar::getValue).findFirst()
                .orElseThrow(() -> new AssertionError("env " + name + " not set"));
    }

    private static Volume mountedAt(String path) {
        VolumeMount mount = container().getVolumeMounts().stream().filter(m -> m.getMountPath().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("nothing is mounted at " + path));
        return podSpec().getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst()
                .orElseThrow(() -> new AssertionError("volume " + mount.getName() + " is mounted but not defined"));
    }

    private static String volumeSourceKind(Volume volume) {
        return volume.getEmptyDir() != null ? "emptyDir" : volume.getSecret() != null ? "secret" : "other";
    }

    static String pomVersion() throws Exception {
        var pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
        var children = pom.getDocumentElement().getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i).getNodeName().equals("version")) {
                return children.item(i).getTextContent().trim();
            }
        }
        return fail("pom.xml has no project version");
    }
}
