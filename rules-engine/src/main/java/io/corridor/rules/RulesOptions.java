package io.corridor.rules;

import io.corridor.config.ConfigException;
import io.corridor.config.ConfigKey;
import io.corridor.config.Settings;
import java.time.Duration;
import java.util.List;

/** Rule-engine settings. */
public final class RulesOptions {

  /** How often each node reloads the hotlist. */
  public static final ConfigKey HOTLIST_RELOAD = new ConfigKey("rules.hotlist.reload-interval", "10s",
      "How often each node reloads the hotlist from the database");

  /** Directory of rule documents loaded at start. */
  public static final ConfigKey DIRECTORY = new ConfigKey("rules.directory", "",
      "Directory of YAML rule documents (*.yaml, *.yml) put in force at start when newer than the stored versions; empty for none");

  /** How often each node reloads sites, registry and permits from the database. */
  public static final ConfigKey RELOAD = new ConfigKey("rules.reload-interval", "60s",
      "How often each node reloads camera sites, the vehicle registry and permit lists from the database (changes also reach every node at once through the cluster)");

  /** How often each node decides its section journeys whose pairing window has passed. */
  public static final ConfigKey SWEEP = new ConfigKey("rules.sweep-interval", "5s",
      "How often each node decides the section journeys it owns whose pairing window has passed");

  /** Every key declared here. */
  public static final List<ConfigKey> KEYS = List.of(HOTLIST_RELOAD, DIRECTORY, RELOAD, SWEEP);

  private final Duration hotlistReload;
  private final String directory;
  private final Duration reload;
  private final Duration sweep;

  /** Reads and validates the rule keys. */
  public RulesOptions(Settings settings) {
    this.hotlistReload = settings.getDuration(HOTLIST_RELOAD);
    this.directory = settings.get(DIRECTORY);
    this.reload = settings.getDuration(RELOAD);
    this.sweep = settings.getDuration(SWEEP);
    if (reload.isZero()) {
      throw new ConfigException(RELOAD, "0", "must be longer than 0");
    }
    if (sweep.isZero()) {
      throw new ConfigException(SWEEP, "0", "must be longer than 0");
    }
  }

  public Duration hotlistReload() { return hotlistReload; }

  /** The rule directory, or an empty string for none. */
  public String directory() { return directory == null ? "" : directory; }

  public Duration reload() { return reload; }

  public Duration sweep() { return sweep; }
}
