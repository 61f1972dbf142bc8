package io.corridor.rules;

import io.corridor.config.ConfigKey;
import io.corridor.config.Settings;
import java.time.Duration;
import java.util.List;

/** Rule-engine settings. */
public final class RulesOptions {

  /** How often each node reloads the hotlist. */
  public static final ConfigKey HOTLIST_RELOAD = new ConfigKey("rules.hotlist.reload-interval", "10s",
      "How often each node reloads the hotlist from the database");

  /** Every key declared here. */
  public static final List<ConfigKey> KEYS = List.of(HOTLIST_RELOAD);

  private final Duration hotlistReload;

  /** Reads and validates the rule keys. */
  public RulesOptions(Settings settings) {
    this.hotlistReload = settings.getDuration(HOTLIST_RELOAD);
  }

  public Duration hotlistReload() { return hotlistReload; }
}
