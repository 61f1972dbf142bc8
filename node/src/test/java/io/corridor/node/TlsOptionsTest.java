package io.corridor.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import io.corridor.config.ConfigException;
import io.corridor.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which listener settings a node accepts, and the member configuration each discovery mode gives. */
class TlsOptionsTest {

  static Settings settings(Map<String, String> values) {
    Map<String, String> all = new HashMap<>(values);
    return Settings.of(all);
  }

  static TlsOptions tls(Map<String, String> values) {
    Settings s = settings(values);
    return new TlsOptions(s, new NodeOptions(s));
  }

  @Test
  void plainHttpOnLoopbackIsAllowedAndElsewhereOnlyWhenAsked() {
    assertThat(tls(Map.of()).httpTls()).isFalse();
    assertThatThrownBy(() -> tls(Map.of("http.host", "0.0.0.0")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("http.tls.cert").hasMessageContaining("http.allow-plain");
    assertThat(tls(Map.of("http.host", "0.0.0.0", "http.allow-plain", "true")).httpTls()).isFalse();
  }

  @Test
  void certificateAndKeyGoTogetherAndMustBeReadable() throws Exception {
    Path cert = Files.createTempFile("cert", ".pem");
    assertThatThrownBy(() -> tls(Map.of("http.tls.cert", cert.toString())))
        .isInstanceOf(ConfigException.class).hasMessageContaining("go together");
    assertThatThrownBy(() -> tls(Map.of("http.tls.cert", "/nowhere/cert.pem", "http.tls.key", cert.toString())))
        .isInstanceOf(ConfigException.class).hasMessageContaining("not a readable file");
    assertThat(tls(Map.of("http.tls.cert", cert.toString(), "http.tls.key", cert.toString(), "http.host", "0.0.0.0"))
        .httpTls()).isTrue();
  }

  @Test
  void eventBusOffLoopbackNeedsTlsOrAnExplicitAllowance() throws Exception {
    assertThatThrownBy(() -> tls(Map.of("cluster.host", "10.1.2.3")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("cluster.tls.cert");
    assertThat(tls(Map.of("cluster.host", "10.1.2.3", "cluster.allow-plain", "true")).busTls()).isFalse();
    Path pem = Files.createTempFile("bus", ".pem");
    assertThatThrownBy(() -> tls(Map.of("cluster.tls.cert", pem.toString(), "cluster.tls.key", pem.toString())))
        .isInstanceOf(ConfigException.class).hasMessageContaining("cluster.tls.ca");
    assertThat(tls(Map.of("cluster.host", "10.1.2.3", "cluster.tls.cert", pem.toString(), "cluster.tls.key",
        pem.toString(), "cluster.tls.ca", pem.toString())).busTls()).isTrue();
  }

  @Test
  void kubernetesDiscoveryUsesTheHeadlessServiceDnsAndNoMemberList() {
    Settings s = settings(Map.of("cluster.discovery", "kubernetes",
        "cluster.kubernetes.service-dns", "corridor-hz.corridor.svc.cluster.local", "cluster.host", "10.1.2.3"));
    JoinConfig join = ClusterConfig.of(new NodeOptions(s)).getNetworkConfig().getJoin();
    assertThat(join.getKubernetesConfig().isEnabled()).isTrue();
    assertThat(join.getKubernetesConfig().getProperty("service-dns")).isEqualTo("corridor-hz.corridor.svc.cluster.local");
    assertThat(join.getTcpIpConfig().isEnabled()).isFalse();
    assertThat(join.getMulticastConfig().isEnabled()).isFalse();
    assertThat(EventBusAddress.of(new NodeOptions(s)).getClusterPublicHost()).isEqualTo("10.1.2.3");
  }

  @Test
  void tcpDiscoveryIsTheDefaultAndKubernetesNeedsItsServiceName() {
    Config config = ClusterConfig.of(new NodeOptions(settings(Map.of())));
    assertThat(config.getNetworkConfig().getJoin().getTcpIpConfig().isEnabled()).isTrue();
    assertThat(config.getNetworkConfig().getJoin().getKubernetesConfig().isEnabled()).isFalse();
    assertThatThrownBy(() -> new NodeOptions(settings(Map.of("cluster.discovery", "kubernetes"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("cluster.kubernetes.service-dns");
    assertThatThrownBy(() -> new NodeOptions(settings(Map.of("cluster.discovery", "multicast"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("tcp or kubernetes");
  }

  @Test
  void hazelcastCollectsItsOwnMetricsOnlyWhenAsked() {
    assertThat(ClusterConfig.of(new NodeOptions(settings(Map.of()))).getMetricsConfig().isEnabled()).isFalse();
    assertThat(ClusterConfig.of(new NodeOptions(settings(Map.of("cluster.hazelcast-metrics", "true"))))
        .getMetricsConfig().isEnabled()).isTrue();
  }
}
