package io.corridor.deploy;

import static io.corridor.deploy.ChartRendering.one;
import static io.corridor.deploy.ChartRendering.ofType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Helm chart lints and renders offline for the default values and for a 3-replica
 * production-like values file; the rendered manifests, parsed into typed Kubernetes objects, have
 * the probes, discovery, secret references and network policy a deployment depends on.
 */
class HelmChartTest {

  /** Settings that must only ever come from a Secret. */
  static final Set<String> SECRET_VARIABLES = Set.of("CORRIDOR_PRIVACY_PLATE_HASH_KEY", "CORRIDOR_PRIVACY_PLATE_ENCRYPTION_KEY",
      "CORRIDOR_API_JWT_SECRET", "CORRIDOR_DB_PASSWORD", "CORRIDOR_IDENTITY_ISSUER", "CORRIDOR_IDENTITY_JWKS_URL",
      "CORRIDOR_IDENTITY_AUDIENCE", "CORRIDOR_AUDIT_ANCHOR_PRIVATE_KEY", "CORRIDOR_VIOLATIONS_EVIDENCE_SIGNING_KEY");
  static final Pattern BASE64_KEY = Pattern.compile("[A-Za-z0-9+/]{43}=");

  static final List<HasMetadata> DEFAULTS = ChartRendering.render(null, Map.of());
  static final List<HasMetadata> PRODUCTION = ChartRendering.render(ChartRendering.PRODUCTION_VALUES, Map.of());

  static Container container(List<HasMetadata> objects) {
    return one(objects, StatefulSet.class).getSpec().getTemplate().getSpec().getContainers().getFirst();
  }

  static Map<String, String> config(List<HasMetadata> objects) {
    return one(objects, ConfigMap.class).getData();
  }

  @Test
  void lintsCleanWithDefaultAndProductionValues(@TempDir Path work) {
    LintResult defaults = ChartRendering.lint();
    assertThat(defaults.isFailed()).as(String.join("\n", defaults.getMessages())).isFalse();
    LintResult production = ChartRendering.lintWith(ChartRendering.PRODUCTION_VALUES, work);
    assertThat(production.isFailed()).as(String.join("\n", production.getMessages())).isFalse();
  }

  @Test
  void rendersTheNodesWithHealthAndReadinessProbes() {
    StatefulSet defaults = one(DEFAULTS, StatefulSet.class);
    assertThat(defaults.getSpec().getReplicas()).isEqualTo(2);
    assertThat(one(PRODUCTION, StatefulSet.class).getSpec().getReplicas()).isEqualTo(3);
    for (List<HasMetadata> objects : List.of(DEFAULTS, PRODUCTION)) {
      Container c = container(objects);
      assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health");
      assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/ready");
      assertThat(c.getStartupProbe().getHttpGet().getPath()).isEqualTo("/health");
      assertThat(c.getLivenessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
      assertThat(c.getResources().getRequests()).containsKeys("cpu", "memory");
      assertThat(c.getResources().getLimits()).containsKey("memory");
    }
    assertThat(container(DEFAULTS).getReadinessProbe().getHttpGet().getScheme()).isEqualTo("HTTP");
    assertThat(container(PRODUCTION).getReadinessProbe().getHttpGet().getScheme()).isEqualTo("HTTPS");
  }

  @Test
  void membersFindEachOtherThroughTheHeadlessServiceDns() {
    for (List<HasMetadata> objects : List.of(DEFAULTS, PRODUCTION)) {
      Service headless = ofType(objects, Service.class).stream()
          .filter(s -> "None".equals(s.getSpec().getClusterIP())).findFirst().orElseThrow();
      assertThat(headless.getSpec().getPublishNotReadyAddresses()).as("members join before they are ready").isTrue();
      assertThat(headless.getSpec().getPorts()).extracting(ServicePort::getPort).contains(5701);
      assertThat(one(objects, StatefulSet.class).getSpec().getServiceName()).isEqualTo(headless.getMetadata().getName());
      Map<String, String> config = config(objects);
      assertThat(config).containsEntry("CORRIDOR_CLUSTER_DISCOVERY", "kubernetes")
          .containsEntry("CORRIDOR_CLUSTER_KUBERNETES_SERVICE_DNS",
              headless.getMetadata().getName() + "." + ChartRendering.NAMESPACE + ".svc.cluster.local")
          .containsEntry("CORRIDOR_HTTP_HOST", "0.0.0.0");
      EnvVar host = container(objects).getEnv().stream().filter(e -> e.getName().equals("CORRIDOR_CLUSTER_HOST"))
          .findFirst().orElseThrow();
      assertThat(host.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("status.podIP");
      assertThat(container(objects).getEnvFrom().getFirst().getConfigMapRef().getName())
          .isEqualTo(one(objects, ConfigMap.class).getMetadata().getName());
    }
  }

  @Test
  void keysComeOnlyFromTheSecretAndNothingSecretIsRendered() throws Exception {
    for (List<HasMetadata> objects : List.of(DEFAULTS, PRODUCTION)) {
      assertThat(ofType(objects, Secret.class)).as("the chart never renders a Secret").isEmpty();
      Map<String, EnvVar> env = new java.util.HashMap<>();
      container(objects).getEnv().forEach(e -> env.put(e.getName(), e));
      String secretName = objects == DEFAULTS ? "corridor-secrets" : "corridor-production-keys";
      for (String name : SECRET_VARIABLES) {
        EnvVar var = env.get(name);
        assertThat(var).as(name).isNotNull();
        assertThat(var.getValue()).as(name + " has no literal value").isNull();
        assertThat(var.getValueFrom().getSecretKeyRef().getName()).isEqualTo(secretName);
      }
      for (String required : List.of("CORRIDOR_PRIVACY_PLATE_HASH_KEY", "CORRIDOR_PRIVACY_PLATE_ENCRYPTION_KEY",
          "CORRIDOR_API_JWT_SECRET")) {
        assertThat(env.get(required).getValueFrom().getSecretKeyRef().getOptional()).as(required).isNotEqualTo(Boolean.TRUE);
      }
      assertThat(config(objects).keySet()).doesNotContainAnyElementsOf(SECRET_VARIABLES)
          .allMatch(k -> k.matches("CORRIDOR_[A-Z0-9_]+"));
    }
    for (Path values : List.of(ChartRendering.CHART.resolve("values.yaml"), ChartRendering.PRODUCTION_VALUES)) {
      String text = Files.readString(values);
      assertThat(BASE64_KEY.matcher(text).find()).as(values + " holds no 32-byte key").isFalse();
      assertThat(text).doesNotContainPattern("(?im)^\\s*(password|jwt-?secret|plate-hash-key)\\s*:");
    }
  }

  @Test
  void aSecretLookingSettingInConfigIsRefused() {
    assertThatThrownBy(() -> ChartRendering.renderYaml(null, Map.of("config.CORRIDOR_API_JWT_SECRET", "oops")))
        .hasMessageContaining("looks secret");
    assertThatThrownBy(() -> ChartRendering.renderYaml(null, Map.of("database.url", "")))
        .hasMessageContaining("database.url is required");
  }

  @Test
  void tlsFromItsSecretOrPlainOnlyWhereExplicitlyAllowed() {
    Map<String, String> plain = config(DEFAULTS);
    assertThat(plain).containsEntry("CORRIDOR_HTTP_ALLOW_PLAIN", "true").containsEntry("CORRIDOR_CLUSTER_ALLOW_PLAIN", "true")
        .doesNotContainKey("CORRIDOR_HTTP_TLS_CERT");
    // The tracker listeners bind 0.0.0.0 in a pod: plain only where allowed, else the same Secret.
    assertThat(plain).containsEntry("CORRIDOR_TRACKING_OSMAND_ALLOW_PLAIN", "true")
        .containsEntry("CORRIDOR_MQTT_ALLOW_PLAIN", "true").doesNotContainKey("CORRIDOR_MQTT_TLS_CERT");
    Map<String, String> tls = config(PRODUCTION);
    assertThat(tls).containsEntry("CORRIDOR_MQTT_TLS_CERT", "/etc/corridor/tls/tls.crt")
        .containsEntry("CORRIDOR_MQTT_TLS_KEY", "/etc/corridor/tls/tls.key")
        .containsEntry("CORRIDOR_TRACKING_OSMAND_TLS_CERT", "/etc/corridor/tls/tls.crt")
        .doesNotContainKey("CORRIDOR_MQTT_ALLOW_PLAIN").doesNotContainKey("CORRIDOR_TRACKING_OSMAND_ALLOW_PLAIN");
    assertThat(tls).containsEntry("CORRIDOR_HTTP_TLS_CERT", "/etc/corridor/tls/tls.crt")
        .containsEntry("CORRIDOR_CLUSTER_TLS_CA", "/etc/corridor/tls/ca.crt").doesNotContainKey("CORRIDOR_HTTP_ALLOW_PLAIN");
    StatefulSet set = one(PRODUCTION, StatefulSet.class);
    assertThat(set.getSpec().getTemplate().getSpec().getVolumes()).filteredOn(v -> v.getSecret() != null)
        .extracting(v -> v.getSecret().getSecretName()).containsExactly("corridor-node-tls");
    assertThat(one(DEFAULTS, StatefulSet.class).getSpec().getTemplate().getSpec().getVolumes())
        .noneMatch(v -> v.getSecret() != null);
  }

  @Test
  void onlyCorridorPodsReachTheMemberPorts() {
    for (List<HasMetadata> objects : List.of(DEFAULTS, PRODUCTION)) {
      NetworkPolicy policy = one(objects, NetworkPolicy.class);
      Map<String, String> podLabels = one(objects, StatefulSet.class).getSpec().getTemplate().getMetadata().getLabels();
      assertThat(podLabels).containsAllEntriesOf(policy.getSpec().getPodSelector().getMatchLabels());
      for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
        List<Integer> ports = rule.getPorts().stream().map(NetworkPolicyPort::getPort).map(p -> p.getIntVal()).toList();
        if (ports.contains(5701) || ports.contains(5801)) {
          assertThat(rule.getFrom()).as("member ports only from Corridor pods").hasSize(1);
          assertThat(rule.getFrom().getFirst().getPodSelector().getMatchLabels()).isEqualTo(
              policy.getSpec().getPodSelector().getMatchLabels());
          assertThat(rule.getFrom().getFirst().getNamespaceSelector()).isNull();
          assertThat(rule.getFrom().getFirst().getIpBlock()).isNull();
        } else {
          assertThat(ports).contains(8080, 5055, 1883);
        }
      }
    }
  }

  @Test
  void servesHttpAndTheTrackerPortsAndKeepsAQuorumThroughDisruptions() {
    for (List<HasMetadata> objects : List.of(DEFAULTS, PRODUCTION)) {
      Service service = ofType(objects, Service.class).stream()
          .filter(s -> !"None".equals(s.getSpec().getClusterIP())).findFirst().orElseThrow();
      assertThat(service.getSpec().getPorts()).extracting(ServicePort::getName).containsExactly("http", "osmand", "mqtt");
      assertThat(service.getSpec().getPorts()).extracting(ServicePort::getPort).containsExactly(8080, 5055, 1883);
      assertThat(one(objects, PodDisruptionBudget.class).getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
      assertThat(config(objects).get("CORRIDOR_DB_URL")).startsWith("jdbc:postgresql://");
    }
    assertThat(ofType(DEFAULTS, GenericKubernetesResource.class)).as("no ServiceMonitor by default").isEmpty();
    GenericKubernetesResource monitor = one(PRODUCTION, GenericKubernetesResource.class);
    assertThat(monitor.getKind()).isEqualTo("ServiceMonitor");
    assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "prometheus");
  }
}
