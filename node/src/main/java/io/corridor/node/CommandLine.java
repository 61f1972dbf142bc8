package io.corridor.node;

import io.corridor.config.Settings;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Parsed {@code --name=value} / {@code --name value} options. Dotted names are configuration keys;
 * other names are command options. {@code --config FILE} loads a properties file of keys.
 */
final class CommandLine {

  private final Map<String, String> options = new LinkedHashMap<>();

  CommandLine(List<String> args) {
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument '" + arg + "'; options look like --name=value");
      }
      String body = arg.substring(2);
      int eq = body.indexOf('=');
      if (eq >= 0) {
        options.put(body.substring(0, eq), body.substring(eq + 1));
      } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
        options.put(body, args.get(++i));
      } else {
        options.put(body, "true");
      }
    }
  }

  String option(String name, String fallback) {
    return options.getOrDefault(name, fallback);
  }

  boolean has(String name) {
    return options.containsKey(name);
  }

  /** Settings: dotted options over environment variables over the config file (if any). */
  Settings settings(Path defaultConfig) throws IOException {
    Map<String, String> explicit = new HashMap<>();
    Map<String, String> base = new HashMap<>();
    Path file = has("config") ? Path.of(option("config", "")) : defaultConfig;
    if (file != null && Files.exists(file)) {
      base.putAll(load(file));
    } else if (has("config")) {
      throw new IllegalArgumentException("config file " + file + " does not exist");
    }
    options.forEach((k, v) -> {
      if (k.contains(".")) {
        explicit.put(k, v);
      }
    });
    return Settings.fromEnvironment(explicit, base);
  }

  static Map<String, String> load(Path file) throws IOException {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    }
    Map<String, String> values = new HashMap<>();
    properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name)));
    return values;
  }
}
