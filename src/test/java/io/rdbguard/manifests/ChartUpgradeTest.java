package io.rdbguard.manifests;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The chart-made certificate survives upgrades: helm reads the kept Secret back with `lookup`, which needs a cluster.
 * Here helm renders with --dry-run=server against a stand-in API server on loopback that answers discovery and holds
 * (or not) the Secret an earlier install made, as kube-apiserver would.
 */
class ChartUpgradeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEPT_CA = "-----BEGIN CERTIFICATE-----\nkept CA\n-----END CERTIFICATE-----\n";
    private static final Map<String, String> KEPT = Map.of(
            "ca.crt", base64(KEPT_CA),
            "tls.crt", base64("-----BEGIN CERTIFICATE-----\nkept serving certificate\n-----END CERTIFICATE-----\n"),
            "tls.key", base64("-----BEGIN RSA PRIVATE KEY-----\nkept key\n-----END RSA PRIVATE KEY-----\n"));

    /** group/version → resources (name, kind, namespaced) of the kinds the chart renders by default. */
    private static final Map<String, List<List<Object>>> DISCOVERY = Map.of(
            "v1", List.of(List.of("secrets", "Secret", true), List.of("configmaps", "ConfigMap", true),
                    List.of("services", "Service", true), List.of("serviceaccounts", "ServiceAccount", true)),
            "apps/v1", List.of(List.of("deployments", "Deployment", true)),
            "policy/v1", List.of(List.of("poddisruptionbudgets", "PodDisruptionBudget", true)),
            "networking.k8s.io/v1", List.of(List.of("networkpolicies", "NetworkPolicy", true)),
            "rbac.authorization.k8s.io/v1", List.of(List.of("clusterroles", "ClusterRole", false),
                    List.of("clusterrolebindings", "ClusterRoleBinding", false)),
            "admissionregistration.k8s.io/v1", List.of(
                    List.of("validatingwebhookconfigurations", "ValidatingWebhookConfiguration", false)));

    private HttpServer server;
    private Path kubeconfig;
    private volatile Map<String, String> keptSecret;

    @BeforeEach
    void startApiServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
        kubeconfig = Files.createTempFile("rdb-guard-kubeconfig", ".yaml");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters: [{name: stand-in, cluster: {server: "http://127.0.0.1:%d"}}]
                users: [{name: stand-in, user: {token: test}}]
                contexts: [{name: stand-in, context: {cluster: stand-in, user: stand-in}}]
                current-context: stand-in
                """.formatted(server.getAddress().getPort()));
    }

    @AfterEach
    void stopApiServer() throws IOException {
        server.stop(0);
        Files.deleteIfExists(kubeconfig);
    }

    @Test
    void an_upgrade_keeps_the_certificate_and_the_ca_bundle_of_the_install() {
        keptSecret = KEPT;
        Rendered rendered = renderAgainstCluster();
        Secret secret = rendered.only(Secret.class);
        assertAll(
                () -> assertEquals(KEPT, secret.getData()),
                () -> ChartTest.webhooks(rendered).forEach(hook -> assertEquals(KEPT.get("ca.crt"),
                        hook.getClientConfig().getCaBundle(), hook.getName())));
    }

    @Test
    void an_install_makes_new_material_when_the_cluster_holds_none() {
        keptSecret = null;
        Secret secret = renderAgainstCluster().only(Secret.class);
        assertTrue(decode(secret.getData().get("ca.crt")).startsWith("-----BEGIN CERTIFICATE-----"));
    }

    @Test
    void a_renewal_makes_a_new_ca_and_trusts_the_old_one_until_the_next_upgrade() {
        keptSecret = KEPT;
        Rendered rendered = renderAgainstCluster("--set", "certificates.helm.renew=true");
        Secret secret = rendered.only(Secret.class);
        String newCa = decode(secret.getData().get("ca.crt"));
        List<ValidatingWebhook> webhooks = ChartTest.webhooks(rendered);
        assertAll(
                () -> assertNotEquals(KEPT_CA, newCa),
                () -> assertNotEquals(KEPT.get("tls.crt"), secret.getData().get("tls.crt")),
                () -> webhooks.forEach(hook -> assertEquals(newCa + KEPT_CA, decode(hook.getClientConfig().getCaBundle()),
                        hook.getName() + ": the new CA, then the old one")));
    }

    private Rendered renderAgainstCluster(String... args) {
        List<String> command = new ArrayList<>(List.of("--kubeconfig", kubeconfig.toString(), "--dry-run=server",
                "--disable-openapi-validation"));
        command.addAll(List.of(args));
        return Rendered.of(Tools.helmTemplate("rdb-guard", command.toArray(String[]::new))
                .orFail("helm template --dry-run=server"));
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Object body = null;
        if (path.equals("/version")) {
            body = Map.of("major", "1", "minor", "31", "gitVersion", "v1.31.0");
        } else if (path.equals("/api")) {
            body = Map.of("kind", "APIVersions", "versions", List.of("v1"));
        } else if (path.equals("/apis")) {
            body = Map.of("kind", "APIGroupList", "apiVersion", "v1", "groups", DISCOVERY.keySet().stream()
                    .filter(gv -> gv.contains("/")).map(gv -> Map.of("name", gv.substring(0, gv.indexOf('/')),
                            "versions", List.of(Map.of("groupVersion", gv, "version", "v1")),
                            "preferredVersion", Map.of("groupVersion", gv, "version", "v1"))).toList());
        } else if (path.startsWith("/api/v1/namespaces/rdb-guard/secrets/rdb-guard-tls") && keptSecret != null) {
            body = Map.of("apiVersion", "v1", "kind", "Secret", "type", "kubernetes.io/tls", "data", keptSecret,
                    "metadata", Map.of("name", "rdb-guard-tls", "namespace", "rdb-guard",
                            // what the install wrote: helm adopts only objects of its own release
                            "labels", Map.of("app.kubernetes.io/managed-by", "Helm"),
                            "annotations", Map.of("meta.helm.sh/release-name", "rdb-guard",
                                    "meta.helm.sh/release-namespace", "rdb-guard")));
        } else {
            String groupVersion = path.equals("/api/v1") ? "v1" : path.startsWith("/apis/") ? path.substring(6) : "";
            if (DISCOVERY.containsKey(groupVersion)) {
                body = Map.of("kind", "APIResourceList", "groupVersion", groupVersion, "resources",
                        DISCOVERY.get(groupVersion).stream().map(r -> Map.of("name", r.get(0), "kind", r.get(1),
                                "namespaced", r.get(2), "singularName", "", "verbs", List.of("get", "list"))).toList());
            }
        }
        int status = body == null ? 404 : 200;
        byte[] bytes = JSON.writeValueAsBytes(body != null ? body : Map.of("kind", "Status", "apiVersion", "v1",
                "status", "Failure", "reason", "NotFound", "code", 404));
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
