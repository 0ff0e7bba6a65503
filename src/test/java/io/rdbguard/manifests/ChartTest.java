package io.rdbguard.manifests;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.rdbguard.core.check.CheckDescriptor;
import io.rdbguard.core.check.Mode;
import io.rdbguard.core.registry.CheckRegistry;
import io.rdbguard.data.PolicyLoader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Renders charts/rdb-guard with the real helm, for the default values and the choices an operator makes, and checks
 * every object kube-apiserver would get and what the operator relies on.
 */
class ChartTest {

    private static final Set<String> CLUSTER_SCOPED = Set.of("ClusterRole", "ClusterRoleBinding",
            "ValidatingWebhookConfiguration");
    private static final String CA_BUNDLE = Base64.getEncoder().encodeToString(
            "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n".getBytes(StandardCharsets.UTF_8));

    /** A set of values an operator installs with: what it is, the release namespace, the values file. */
    record Values(String description, String namespace, String yaml) {
        @Override
        public String toString() {
            return description;
        }

        Rendered render() {
            return Rendered.of(template(namespace, yaml).orFail("helm template with " + description));
        }
    }

    static final Values DEFAULTS = new Values("the default values", "rdb-guard", "");
    static final Values ELSEWHERE = new Values("another namespace and a private image", "platform-guard", """
            image: {repository: registry.local:5000/platform/rdb-guard, tag: 1.2.3}
            """);
    static final Values CERT_MANAGER = new Values("cert-manager with its own CA", "rdb-guard", """
            certificates: {source: certManager}
            """);
    static final Values CERT_MANAGER_ISSUER = new Values("cert-manager with the cluster's issuer", "rdb-guard", """
            certificates: {source: certManager, certManager: {issuerRef: {kind: ClusterIssuer, name: internal-ca, group: cert-manager.io}}}
            """);
    static final Values OWN_SECRET = new Values("a Secret the operator made", "rdb-guard", """
            certificates: {source: secret, secret: {name: guard-serving, caBundle: %s}}
            """.formatted(CA_BUNDLE));
    static final Values MONITORING = new Values("ServiceMonitor, alerts and dashboard on", "rdb-guard", """
            metrics:
              serviceMonitor: {enabled: true, labels: {release: prometheus}}
              prometheusRule: {enabled: true}
              grafanaDashboard: {enabled: true}
            certificates: {source: certManager}
            """);
    static final Values NO_NETWORK_POLICY = new Values("no NetworkPolicy", "rdb-guard", """
            networkPolicy: {enabled: false}
            podDisruptionBudget: {enabled: false}
            webhook: {helmReleases: {enabled: false}}
            """);
    static final Values CUSTOM_POLICY = new Values("custom modes, grantors and admin files", "rdb-guard", """
            policy:
              modes: {probe-depth: warn, image-unpinned: "off"}
              backups: {maxAge: 12h}
              probes: {profile: strict}
              exemptions:
                maxHorizon: 7d
                neverExempt: [rdb-unreadable]
                grantors: {users: [alice@example.com], groups: [platform-admins]}
              catalog: |
                repositories: []
              probeRules: |
                rules: []
            replicas: 3
            priorityClassName: ""
            webhook:
              excludedNamespaces: [kube-system, cert-manager]
              statefulsets: {timeoutSeconds: 3}
            """);

    static List<Values> allValues() {
        return List.of(DEFAULTS, ELSEWHERE, CERT_MANAGER, CERT_MANAGER_ISSUER, OWN_SECRET, MONITORING, NO_NETWORK_POLICY,
                CUSTOM_POLICY);
    }

    // ---- every render is valid ----

    @ParameterizedTest
    @MethodSource("allValues")
    void helm_lint_accepts_the_chart(Values values) {
        List<String> lint = new ArrayList<>(List.of("lint", "--strict", Tools.CHART.toString(), "--namespace", values.namespace()));
        lint.addAll(valuesFile(values.yaml()));
        String output = Tools.helm(lint.toArray(String[]::new)).orFail("helm lint with " + values);
        assertTrue(output.contains("0 chart(s) failed"), output);
    }

    @ParameterizedTest
    @MethodSource("allValues")
    void every_rendered_object_fits_its_kubernetes_type_with_no_unknown_field(Values values) {
        Rendered rendered = values.render();
        List<String> problems = new ArrayList<>();
        for (JsonNode object : rendered.objects()) {
            String where = Rendered.describe(object);
            KubernetesResource typed = Rendered.typed(object);
            if (typed instanceof GenericKubernetesResource generic) {
                if (!CustomResourceFields.known(generic.getApiVersion(), generic.getKind())) {
                    problems.add(where + ": unknown kind for apiVersion " + generic.getApiVersion());
                    continue;
                }
                CustomResourceFields.unknownIn(object).forEach(path -> problems.add(where + ": unknown field " + path));
            } else {
                UnknownFields.in(typed).forEach(path -> problems.add(where + ": unknown field " + path));
            }
            problems.addAll(missingRequiredFields((HasMetadata) typed, values.namespace()));
        }
        assertTrue(problems.isEmpty(), values + ":\n  " + String.join("\n  ", problems));
    }

    @ParameterizedTest
    @MethodSource("allValues")
    void the_policy_file_is_one_rdb_guard_accepts(Values values) throws Exception {
        ConfigMap policy = policyConfigMap(values.render());
        PolicyLoader.load(policy.getData().get("policy.yaml"), "charts/rdb-guard (" + values + ")", CheckRegistry.DESCRIPTORS);
    }

    // ---- what the operator chose reaches the objects ----

    @Test
    void by_default_the_policy_shows_every_check_at_its_default_mode_with_its_title() throws Exception {
        String policy = policyConfigMap(DEFAULTS.render()).getData().get("policy.yaml");
        Map<String, String> shipped = new LinkedHashMap<>();
        Rendered.YAML.readTree(policy).path("modes").fields().forEachRemaining(e -> shipped.put(e.getKey(), e.getValue().asText()));
        Map<String, String> defaults = new LinkedHashMap<>();
        CheckRegistry.DESCRIPTORS.forEach(d -> defaults.put(d.id(), d.defaultMode().label()));
        assertEquals(List.copyOf(defaults.entrySet()), List.copyOf(shipped.entrySet()),
                "values.yaml policy.modes and _helpers.tpl rdb-guard.checks list every check, in report order, at its default mode");
        for (CheckDescriptor check : CheckRegistry.DESCRIPTORS) {
            assertTrue(policy.contains("# " + check.title() + "\n  " + check.id() + ": "),
                    "rdb-guard.checks in _helpers.tpl gives " + check.id() + " its descriptor's title: " + check.title());
        }
    }

    @Test
    void custom_modes_horizons_and_grantors_reach_the_policy_rdb_guard_loads() throws Exception {
        Rendered rendered = CUSTOM_POLICY.render();
        ConfigMap policy = policyConfigMap(rendered);
        var document = PolicyLoader.load(policy.getData().get("policy.yaml"), "chart", CheckRegistry.DESCRIPTORS);
        Container container = container(rendered);
        assertAll(
                () -> assertEquals(Mode.WARN, document.policy().mode(descriptor("probe-depth"))),
                () -> assertEquals(Mode.OFF, document.policy().mode(descriptor("image-unpinned"))),
                () -> assertEquals(Mode.ENFORCE, document.policy().mode(descriptor("rdb-one-way"))),
                () -> assertEquals(Duration.ofHours(12), document.maxBackupAge()),
                () -> assertEquals(Duration.ofDays(7), document.policy().exemptions().maxHorizon()),
                () -> assertEquals(Set.of("rdb-unreadable"), document.policy().exemptions().neverExempt()),
                () -> assertEquals(Set.of("alice@example.com"), document.policy().exemptions().grantorUsers()),
                () -> assertEquals(Set.of("platform-admins"), document.policy().exemptions().grantorGroups()),
                () -> assertEquals("repositories: []\n", policy.getData().get("catalog.yaml")),
                () -> assertEquals("rules: []\n", policy.getData().get("probe-rules.yaml")),
                () -> assertEquals("/etc/rdb-guard/policy/catalog.yaml", env(container, "RDB_GUARD_CATALOG_FILE")),
                () -> assertEquals("/etc/rdb-guard/policy/probe-rules.yaml", env(container, "RDB_GUARD_PROBE_RULES_FILE")),
                () -> assertEquals(3, rendered.only(Deployment.class).getSpec().getReplicas()),
                () -> assertEquals(null, rendered.only(Deployment.class).getSpec().getTemplate().getSpec().getPriorityClassName()),
                () -> assertEquals(3, webhooks(rendered).get(0).getTimeoutSeconds()),
                () -> assertEquals(List.of("rdb-guard", "kube-system", "cert-manager"),
                        excludedNamespaces(webhooks(rendered).get(0))));
    }

    @Test
    void another_namespace_and_image_reach_every_place_that_names_them() {
        Rendered rendered = ELSEWHERE.render();
        String namespace = ELSEWHERE.namespace();
        Deployment deployment = rendered.only(Deployment.class);
        ClusterRoleBinding binding = rendered.only(ClusterRoleBinding.class);
        X509Certificate serving = certificate(rendered.only(Secret.class).getData().get("tls.crt"));
        assertAll(
                () -> assertEquals("registry.local:5000/platform/rdb-guard:1.2.3", container(rendered).getImage()),
                () -> assertEquals(namespace, binding.getSubjects().get(0).getNamespace()),
                () -> assertEquals(deployment.getSpec().getTemplate().getSpec().getServiceAccountName(),
                        binding.getSubjects().get(0).getName()),
                () -> assertTrue(sans(serving).contains("rdb-guard." + namespace + ".svc"), "SANs " + sans(serving)),
                () -> webhooks(rendered).forEach(hook -> assertAll(hook.getName(),
                        () -> assertEquals(namespace, hook.getClientConfig().getService().getNamespace()),
                        () -> assertEquals(List.of(namespace, "kube-system"), excludedNamespaces(hook)))));
    }

    @Test
    void an_image_digest_pins_the_image() {
        Rendered rendered = Rendered.of(template("rdb-guard", "image: {digest: 'sha256:" + "a".repeat(64) + "'}")
                .orFail("helm template with a digest"));
        assertEquals("ghcr.io/rdb-guard/rdb-guard@sha256:" + "a".repeat(64), container(rendered).getImage());
    }

    @Test
    void the_chart_makes_a_serving_certificate_for_the_service_signed_by_the_ca_every_webhook_trusts() throws Exception {
        Rendered rendered = DEFAULTS.render();
        Secret secret = rendered.only(Secret.class);
        X509Certificate ca = certificate(secret.getData().get("ca.crt"));
        X509Certificate serving = certificate(secret.getData().get("tls.crt"));
        RSAPrivateCrtKey key = rsaKey(secret.getData().get("tls.key"));
        serving.verify(ca.getPublicKey());
        serving.checkValidity();
        assertAll(
                () -> assertEquals("kubernetes.io/tls", secret.getType()),
                () -> assertEquals(mountedSecret(rendered), secret.getMetadata().getName()),
                () -> assertEquals(((RSAPublicKey) serving.getPublicKey()).getModulus(), key.getModulus(),
                        "tls.key is the key of tls.crt"),
                () -> assertEquals(Set.of("rdb-guard.rdb-guard.svc", "rdb-guard.rdb-guard.svc.cluster.local"), Set.copyOf(sans(serving))),
                () -> assertTrue(serving.getNotAfter().toInstant().isAfter(Instant.now().plus(Duration.ofDays(3000))),
                        "valid for certificates.helm.validityDays (3650)"),
                () -> webhooks(rendered).forEach(hook -> assertEquals(secret.getData().get("ca.crt"),
                        hook.getClientConfig().getCaBundle(), hook.getName() + " caBundle")));
    }

    @Test
    void cert_manager_issues_the_mounted_secret_for_the_service_and_injects_its_ca() {
        Rendered rendered = CERT_MANAGER.render();
        JsonNode serving = rendered.get("Certificate", "rdb-guard-tls");
        ValidatingWebhookConfiguration configuration = rendered.only(ValidatingWebhookConfiguration.class);
        assertAll(
                () -> assertEquals(mountedSecret(rendered), serving.path("spec").path("secretName").asText()),
                () -> assertEquals("[\"rdb-guard.rdb-guard.svc\",\"rdb-guard.rdb-guard.svc.cluster.local\"]",
                        serving.path("spec").path("dnsNames").toString()),
                () -> assertEquals("rdb-guard-ca", serving.path("spec").path("issuerRef").path("name").asText()),
                () -> assertEquals("rdb-guard/rdb-guard-tls",
                        configuration.getMetadata().getAnnotations().get("cert-manager.io/inject-ca-from")),
                () -> assertFalse(rendered.kinds().contains("Secret"), "cert-manager writes the Secret, not the chart"),
                () -> webhooks(rendered).forEach(hook -> assertEquals(null, hook.getClientConfig().getCaBundle(),
                        "a caBundle in the chart would fight the CA injector on every upgrade")));
    }

    @Test
    void cert_manager_with_the_clusters_issuer_makes_no_ca_of_its_own() {
        Rendered rendered = CERT_MANAGER_ISSUER.render();
        JsonNode issuerRef = rendered.get("Certificate", "rdb-guard-tls").path("spec").path("issuerRef");
        assertAll(
                () -> assertEquals("ClusterIssuer/internal-ca", issuerRef.path("kind").asText() + "/" + issuerRef.path("name").asText()),
                () -> assertEquals(List.of("Certificate"), rendered.kinds().stream()
                        .filter(kind -> kind.equals("Certificate") || kind.equals("Issuer")).toList()));
    }

    @Test
    void a_secret_the_operator_made_is_mounted_and_its_ca_written_to_every_webhook() {
        Rendered rendered = OWN_SECRET.render();
        assertAll(
                () -> assertEquals("guard-serving", mountedSecret(rendered)),
                () -> assertFalse(rendered.kinds().contains("Secret")),
                () -> webhooks(rendered).forEach(hook -> assertEquals(CA_BUNDLE, hook.getClientConfig().getCaBundle())));
    }

    @Test
    void a_service_monitor_scrapes_the_management_port_through_a_service_of_its_own() {
        Rendered rendered = MONITORING.render();
        Service webhookService = (Service) Rendered.typed(rendered.get("Service", "rdb-guard"));
        Service metrics = (Service) Rendered.typed(rendered.get("Service", "rdb-guard-metrics"));
        JsonNode monitor = rendered.get("ServiceMonitor", "rdb-guard");
        Map<String, String> podLabels = rendered.only(Deployment.class).getSpec().getTemplate().getMetadata().getLabels();
        Map<String, String> monitorSelector = Rendered.YAML.convertValue(monitor.path("spec").path("selector").path("matchLabels"),
                Rendered.YAML.getTypeFactory().constructMapType(Map.class, String.class, String.class));
        assertAll(
                () -> assertEquals(List.of(443), webhookService.getSpec().getPorts().stream().map(p -> p.getPort()).toList(),
                        "the webhook's Service stays HTTPS only"),
                () -> assertEquals("management", metrics.getSpec().getPorts().get(0).getTargetPort().getStrVal()),
                () -> assertTrue(podLabels.entrySet().containsAll(metrics.getSpec().getSelector().entrySet())),
                () -> assertTrue(metrics.getMetadata().getLabels().entrySet().containsAll(monitorSelector.entrySet()),
                        "the ServiceMonitor selects the metrics Service"),
                () -> assertFalse(webhookService.getMetadata().getLabels().entrySet().containsAll(monitorSelector.entrySet()),
                        "the ServiceMonitor must not select the webhook's Service"),
                () -> assertEquals("management", monitor.path("spec").path("endpoints").path(0).path("port").asText()),
                () -> assertEquals("/q/metrics", monitor.path("spec").path("endpoints").path(0).path("path").asText()),
                () -> assertEquals("prometheus", monitor.path("metadata").path("labels").path("release").asText()),
                () -> assertEquals("1", rendered.get("ConfigMap", "rdb-guard-dashboard").path("metadata").path("labels")
                        .path("grafana_dashboard").asText()));
    }

    @Test
    void the_network_policy_the_disruption_budget_and_the_release_pre_flight_can_be_left_out() {
        Rendered rendered = NO_NETWORK_POLICY.render();
        assertAll(
                () -> assertFalse(rendered.kinds().contains("NetworkPolicy")),
                () -> assertFalse(rendered.kinds().contains("PodDisruptionBudget")),
                () -> assertEquals(List.of("statefulsets.rdb-guard.io", "helm-workloads.rdb-guard.io"),
                        webhooks(rendered).stream().map(ValidatingWebhook::getName).toList()),
                () -> assertEquals(1, DEFAULTS.render().typed().stream().filter(NetworkPolicy.class::isInstance).count()));
    }

    @Test
    void helm_made_certificates_differ_between_renders_because_only_an_install_keeps_them() {
        // helm template cannot look up the Secret an install keeps; each render makes new material (an upgrade reuses it).
        assertNotEquals(DEFAULTS.render().only(Secret.class).getData().get("ca.crt"),
                DEFAULTS.render().only(Secret.class).getData().get("ca.crt"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            policy: {modes: {probe-dept: warn}}  | policy.modes.probe-dept: unknown check id; known check ids: rdb-unreadable, rdb-one-way, image-unpinned, probe-depth
            policy: {modes: {probe-depth: deny}} | policy.modes.probe-depth: 'deny' is not a mode; use one of enforce, warn, audit, off
            policy: {modes: {probe-depth: off}}  | policy.modes.probe-depth: false is not a mode; write "off" in quotes (unquoted, YAML reads off as false)
            certificates: {source: vault}        | at '/certificates/source': value must be one of 'helm', 'certManager', 'secret'
            replcas: 3                           | additional properties 'replcas' not allowed
            certificates: {helm: {validityDay: 9}} | additional properties 'validityDay' not allowed
            replicas: 1                          | replicas: 1 leaves one pod to answer every StatefulSet change (failurePolicy Fail); use at least 2
            """)
    void a_value_rdb_guard_would_refuse_fails_the_install_saying_what_to_write(String values, String message) {
        Tools.Result result = template("rdb-guard", values);
        assertAll(
                () -> assertNotEquals(0, result.exitCode()),
                () -> assertTrue(result.stderr().contains(message), result.stderr()));
    }

    @Test
    void the_chart_version_and_its_image_are_the_pom_version() throws Exception {
        JsonNode chart = Rendered.YAML.readTree(Tools.CHART.resolve("Chart.yaml").toFile());
        String version = ManifestsTest.pomVersion();
        String image = container(DEFAULTS.render()).getImage(); // first: without helm the test is skipped, not failed
        assertAll(
                () -> assertEquals(version, chart.path("version").asText()),
                () -> assertEquals(version, chart.path("appVersion").asText()),
                () -> assertEquals("ghcr.io/rdb-guard/rdb-guard:" + version, image));
    }

    // ---- helpers ----

    static Tools.Result template(String namespace, String valuesYaml) {
        return Tools.helmTemplate(namespace, valuesFile(valuesYaml).toArray(String[]::new));
    }

    /** The values written to a file and passed with --values, as an operator passes them. */
    private static List<String> valuesFile(String valuesYaml) {
        if (valuesYaml.isBlank()) {
            return List.of();
        }
        try {
            Path file = Files.createTempFile("rdb-guard-values", ".yaml");
            file.toFile().deleteOnExit();
            Files.writeString(file, valuesYaml);
            return List.of("--values", file.toString());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Fields kube-apiserver requires (or the webhook contract needs) that fabric8 does not enforce. */
    private static List<String> missingRequiredFields(HasMetadata object, String namespace) {
        List<String> missing = new ArrayList<>();
        String where = object.getKind() + " " + object.getMetadata().getName();
        if (object.getMetadata().getName() == null || object.getMetadata().getName().isBlank()) {
            missing.add(object.getKind() + ": metadata.name");
        }
        String expectedNamespace = CLUSTER_SCOPED.contains(object.getKind()) ? null : namespace;
        if (!Objects.equals(expectedNamespace, object.getMetadata().getNamespace())) {
            missing.add(where + ": metadata.namespace is " + object.getMetadata().getNamespace() + ", not " + expectedNamespace);
        }
        if (object instanceof Deployment deployment) {
            var spec = deployment.getSpec();
            if (spec.getSelector() == null || !spec.getTemplate().getMetadata().getLabels().entrySet()
                    .containsAll(spec.getSelector().getMatchLabels().entrySet())) {
                missing.add(where + ": the selector does not match the pod template's labels");
            }
            for (Container container : spec.getTemplate().getSpec().getContainers()) {
                if (container.getName() == null || container.getImage() == null || container.getImage().isBlank()) {
                    missing.add(where + ": a container without name or image");
                }
            }
        }
        if (object instanceof ValidatingWebhookConfiguration configuration) {
            for (ValidatingWebhook hook : configuration.getWebhooks()) {
                if (hook.getName() == null || hook.getClientConfig() == null || hook.getClientConfig().getService() == null
                        || hook.getSideEffects() == null || hook.getAdmissionReviewVersions() == null
                        || hook.getRules() == null || hook.getRules().isEmpty()) {
                    missing.add(where + ": webhook " + hook.getName() + " lacks name, clientConfig.service, sideEffects,"
                            + " admissionReviewVersions or rules");
                }
                if (!Set.of("Fail", "Ignore").contains(hook.getFailurePolicy())
                        || hook.getTimeoutSeconds() < 1 || hook.getTimeoutSeconds() > 30) {
                    missing.add(where + ": webhook " + hook.getName() + " failurePolicy " + hook.getFailurePolicy()
                            + ", timeoutSeconds " + hook.getTimeoutSeconds());
                }
            }
        }
        if (object instanceof Service service && (service.getSpec().getPorts() == null || service.getSpec().getPorts().isEmpty())) {
            missing.add(where + ": no ports");
        }
        return missing;
    }

    private static ConfigMap policyConfigMap(Rendered rendered) {
        return (ConfigMap) Rendered.typed(rendered.get("ConfigMap", "rdb-guard-policy"));
    }

    private static CheckDescriptor descriptor(String id) {
        return CheckRegistry.DESCRIPTORS.stream().filter(d -> d.id().equals(id)).findFirst().orElseThrow();
    }

    static List<ValidatingWebhook> webhooks(Rendered rendered) {
        return rendered.only(ValidatingWebhookConfiguration.class).getWebhooks();
    }

    private static List<String> excludedNamespaces(ValidatingWebhook hook) {
        return hook.getNamespaceSelector().getMatchExpressions().stream()
                .filter(e -> e.getKey().equals("kubernetes.io/metadata.name") && e.getOperator().equals("NotIn"))
                .findFirst().orElseThrow().getValues();
    }

    private static Container container(Rendered rendered) {
        return rendered.only(Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static String env(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("env " + name + " not set")).getValue();
    }

    private static String mountedSecret(Rendered rendered) {
        return rendered.only(Deployment.class).getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals("tls")).findFirst().orElseThrow().getSecret().getSecretName();
    }

    private static X509Certificate certificate(String base64Pem) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(base64Pem)));
        } catch (Exception e) {
            throw new AssertionError("not a PEM certificate: " + e.getMessage(), e);
        }
    }

    private static List<String> sans(X509Certificate certificate) {
        try {
            var names = certificate.getSubjectAlternativeNames();
            return names == null ? List.of() : names.stream().map(entry -> String.valueOf(entry.get(1))).toList();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Helm's genSignedCert writes a PKCS#1 RSA key; Java reads PKCS#8, so wrap it (RFC 5208 PrivateKeyInfo). */
    private static RSAPrivateCrtKey rsaKey(String base64Pem) throws Exception {
        String pem = new String(Base64.getDecoder().decode(base64Pem), StandardCharsets.US_ASCII);
        assertTrue(pem.startsWith("-----BEGIN RSA PRIVATE KEY-----"), "tls.key is a PEM RSA key");
        byte[] pkcs1 = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        byte[] algorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
        byte[] version = {0x02, 0x01, 0x00};
        byte[] octets = der(0x04, pkcs1);
        byte[] body = new byte[version.length + algorithm.length + octets.length];
        System.arraycopy(version, 0, body, 0, version.length);
        System.arraycopy(algorithm, 0, body, version.length, algorithm.length);
        System.arraycopy(octets, 0, body, version.length + algorithm.length, octets.length);
        return (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(0x30, body)));
    }

    private static byte[] der(int tag, byte[] content) {
        byte[] length = content.length < 128 ? new byte[] {(byte) content.length}
                : prefixed(BigInteger.valueOf(content.length).toByteArray());
        byte[] out = new byte[1 + length.length + content.length];
        out[0] = (byte) tag;
        System.arraycopy(length, 0, out, 1, length.length);
        System.arraycopy(content, 0, out, 1 + length.length, content.length);
        return out;
    }

    private static byte[] prefixed(byte[] number) {
        byte[] digits = number[0] == 0 ? Arrays.copyOfRange(number, 1, number.length) : number;
        byte[] out = new byte[digits.length + 1];
        out[0] = (byte) (0x80 | digits.length);
        System.arraycopy(digits, 0, out, 1, digits.length);
        return out;
    }
}
