package io.corridor.node;

import io.corridor.platform.Modules;

import io.corridor.api.ApiOptions;
import io.corridor.config.ConfigKey;
import io.corridor.ingest.FrameOptions;
import io.corridor.ingest.IngestOptions;
import io.corridor.rules.RulesOptions;
import io.corridor.storage.PrivacyOptions;
import io.corridor.storage.StorageOptions;
import java.util.ArrayList;
import java.util.List;

/** Every configuration key a node reads, and the README table made from them. */
public final class ConfigurationKeys {

  private ConfigurationKeys() {}

  /** All keys, grouped by module. */
  public static List<ConfigKey> all() {
    List<ConfigKey> keys = new ArrayList<>();
    keys.addAll(NodeOptions.KEYS);
    keys.addAll(TlsOptions.KEYS);
    keys.addAll(StorageOptions.KEYS);
    keys.addAll(PrivacyOptions.KEYS);
    keys.addAll(IngestOptions.KEYS);
    keys.addAll(FrameOptions.KEYS);
    keys.addAll(RulesOptions.KEYS);
    keys.addAll(ApiOptions.KEYS);
    Modules.discover().forEach(module -> keys.addAll(module.configKeys()));
    return keys;
  }

  /** The Markdown table in the README's configuration section. */
  public static String markdownTable() {
    StringBuilder table = new StringBuilder("| key | environment variable | default | meaning |\n|---|---|---|---|\n");
    for (ConfigKey key : all()) {
      String def = key.defaultValue() == null ? "*(required)*"
          : key.defaultValue().isEmpty() ? "*(empty)*" : "`" + key.defaultValue() + "`";
      table.append("| `").append(key.name()).append("` | `").append(key.envName()).append("` | ").append(def)
          .append(" | ").append(key.description().replace("|", "\\|")).append(" |\n");
    }
    return table.toString();
  }
}
