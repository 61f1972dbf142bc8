package io.corridor.rules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** The hotlist by plate hash, replaced whole on reload. Thread-safe. */
public final class Hotlist {

  private volatile Map<String, List<HotlistEntry>> byHash = Map.of();

  /** Replaces every entry. */
  public void replace(Collection<HotlistEntry> entries) {
    Map<String, List<HotlistEntry>> next = new HashMap<>();
    for (HotlistEntry e : entries) {
      next.computeIfAbsent(HexFormat.of().formatHex(e.plateHash()), k -> new ArrayList<>()).add(e);
    }
    byHash = Map.copyOf(next);
  }

  /** Entries listing the plate with this hash. */
  public List<HotlistEntry> lookup(byte[] plateHash) {
    return byHash.getOrDefault(HexFormat.of().formatHex(plateHash), List.of());
  }

  /** Number of distinct plates listed. */
  public int size() {
    return byHash.size();
  }
}
