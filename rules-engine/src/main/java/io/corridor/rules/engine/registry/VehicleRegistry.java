package io.corridor.rules.engine.registry;

import java.util.HashMap;
import java.util.Map;

/**
 * The vehicle registry in force on this node, by plate blind index (hex). Replaced whole after an
 * import (the map is never changed after it is published). Thread-safe.
 */
public final class VehicleRegistry {

  private volatile Map<PlateKey, RegistryRecord> byPlate = Map.of();

  /** Replaces every record: blind index in hex → record. */
  public void replace(Map<String, RegistryRecord> records) {
    Map<PlateKey, RegistryRecord> next = new HashMap<>(records.size() * 2);
    records.forEach((hex, r) -> next.put(PlateKey.ofHex(hex), r));
    byPlate = next;
  }

  /** The record of the plate with blind index {@code plateHash}, or {@code null}. */
  public RegistryRecord lookup(byte[] plateHash) {
    Map<PlateKey, RegistryRecord> m = byPlate;
    return m.isEmpty() ? null : m.get(PlateKey.of(plateHash));
  }

  /** Number of plates registered. */
  public int size() {
    return byPlate.size();
  }
}
