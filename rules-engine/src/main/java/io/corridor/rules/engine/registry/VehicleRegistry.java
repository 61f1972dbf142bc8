package io.corridor.rules.engine.registry;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * The vehicle registry in force on this node, by plate blind index (hex). Replaced whole after an
 * import. Thread-safe.
 */
public final class VehicleRegistry {

  private volatile Map<String, RegistryRecord> byPlate = Map.of();

  /** Replaces every record. */
  public void replace(Map<String, RegistryRecord> records) {
    byPlate = Map.copyOf(new HashMap<>(records));
  }

  /** The record of the plate with blind index {@code plateHash}, or {@code null}. */
  public RegistryRecord lookup(byte[] plateHash) {
    return byPlate.isEmpty() ? null : byPlate.get(HexFormat.of().formatHex(plateHash));
  }

  /** Number of plates registered. */
  public int size() {
    return byPlate.size();
  }
}
