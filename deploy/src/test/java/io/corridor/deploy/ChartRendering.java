package io.corridor.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Lints and renders helm/corridor offline (helm-java) and parses what it renders into typed objects (fabric8). */
final class ChartRendering {

  static final Path CHART = Path.of(System.getProperty("corridor.chart", "../helm/corridor")).toAbsolutePath().normalize();
  static final Path PRODUCTION_VALUES = CHART.resolveSibling("values-production.yaml");
  static final String NAMESPACE = "corridor";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private ChartRendering() {}

  /** The chart's lint result with its own values.yaml. */
  static LintResult lint() {
    return new Helm(CHART).lint().strict().call();
  }

  /**
   * The lint result of a copy of the chart whose values.yaml is the defaults overlaid by
   * {@code overrides} (helm lint takes no values file, so the overlay is merged first).
   */
  static LintResult lintWith(Path overrides, Path workDir) {
    try {
      Path copy = workDir.resolve("corridor");
      deleteTree(copy);
      try (Stream<Path> files = Files.walk(CHART)) {
        for (Path source : files.toList()) {
          Path target = copy.resolve(CHART.relativize(source).toString());
          if (Files.isDirectory(source)) {
            Files.createDirectories(target);
          } else {
            Files.copy(source, target);
          }
        }
      }
      JsonNode merged = merge(YAML.readTree(CHART.resolve("values.yaml").toFile()), YAML.readTree(overrides.toFile()));
      YAML.writeValue(copy.resolve("values.yaml").toFile(), merged);
      return new Helm(copy).lint().strict().call();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The manifests {@code helm template} renders with {@code valuesFile} (null: defaults) and {@code sets}. */
  static List<HasMetadata> render(Path valuesFile, Map<String, String> sets) {
    return parse(renderYaml(valuesFile, sets));
  }

  static String renderYaml(Path valuesFile, Map<String, String> sets) {
    var template = new Helm(CHART).template().withName("corridor").withNamespace(NAMESPACE).withKubeVersion("1.29.0");
    if (valuesFile != null) {
      template.withValuesFile(valuesFile);
    }
    sets.forEach(template::set);
    return template.call();
  }

  static List<HasMetadata> parse(String yaml) {
    try (KubernetesClient client = new KubernetesClientBuilder().build()) {
      return client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items();
    }
  }

  static <T extends HasMetadata> List<T> ofType(List<HasMetadata> objects, Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  static <T extends HasMetadata> T one(List<HasMetadata> objects, Class<T> type) {
    List<T> found = ofType(objects, type);
    if (found.size() != 1) {
      throw new AssertionError("expected one " + type.getSimpleName() + ", rendered " + found.size());
    }
    return found.getFirst();
  }

  private static JsonNode merge(JsonNode base, JsonNode overlay) {
    if (base instanceof ObjectNode target && overlay != null && overlay.isObject()) {
      overlay.properties().forEach(e -> target.set(e.getKey(), merge(target.get(e.getKey()), e.getValue())));
      return target;
    }
    return overlay == null ? base : overlay;
  }

  private static void deleteTree(Path root) throws IOException {
    if (Files.exists(root)) {
      try (Stream<Path> paths = Files.walk(root)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }
}
