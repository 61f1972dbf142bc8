package io.corridor.rules.engine.registry;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Permit lists that exempt vehicles from zone and lane restrictions (lorry-control permits,
 * emergency services, historic vehicles), by list id and plate blind index. Thread-safe.
 */
public final class Permits {

  private volatile Map<String, Map<String, LocalDate>> lists = Map.of();

  /** Replaces every list: list id → (plate blind index hex → last valid day, or {@code null} for no end). */
  public void replace(Map<String, Map<String, LocalDate>> next) {
    Map<String, Map<String, LocalDate>> copy = new HashMap<>();
    next.forEach((k, v) -> copy.put(k, java.util.Collections.unmodifiableMap(new HashMap<>(v))));
    lists = Map.copyOf(copy);
  }

  /** Whether list {@code listId} holds a permit for the plate valid on {@code day}. */
  public boolean holds(String listId, byte[] plateHash, LocalDate day) {
    Map<String, LocalDate> list = lists.get(listId);
    if (list == null) {
      return false;
    }
    String key = HexFormat.of().formatHex(plateHash);
    if (!list.containsKey(key)) {
      return false;
    }
    LocalDate until = list.get(key);
    return until == null || !day.isAfter(until);
  }
}
