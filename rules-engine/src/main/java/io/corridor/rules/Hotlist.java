package io.corridor.rules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The hotlist by plate hash, and by the hashes of its entries' OCR-confusable forms
 * ({@link PlateVariants}), replaced whole on reload. Thread-safe.
 */
public final class Hotlist {

  /** A blind index of one confusable form of an entry's plate. */
  public record Variant(String entryId, byte[] hash, Kind kind) {}

  /** {@code CONFUSABLE}: the folded plate; {@code MISSING}: the folded plate less one character. */
  public enum Kind { CONFUSABLE, MISSING }

  /** An entry matched through a variant. */
  public record FuzzyMatch(HotlistEntry entry, Kind kind) {}

  private record Tables(Map<String, List<HotlistEntry>> byHash, Map<String, List<FuzzyMatch>> byVariant) {}

  private volatile Tables tables = new Tables(Map.of(), Map.of());

  /** Replaces every entry; exact matching only. */
  public void replace(Collection<HotlistEntry> entries) {
    replace(entries, List.of());
  }

  /** Replaces every entry and variant (variants of entries not in {@code entries} are ignored). */
  public void replace(Collection<HotlistEntry> entries, Collection<Variant> variants) {
    Map<String, List<HotlistEntry>> next = new HashMap<>();
    Map<String, HotlistEntry> byId = new HashMap<>();
    for (HotlistEntry e : entries) {
      next.computeIfAbsent(HexFormat.of().formatHex(e.plateHash()), k -> new ArrayList<>()).add(e);
      byId.put(e.id(), e);
    }
    Map<String, List<FuzzyMatch>> fuzzy = new HashMap<>();
    for (Variant v : variants) {
      HotlistEntry e = byId.get(v.entryId());
      if (e != null) {
        fuzzy.computeIfAbsent(HexFormat.of().formatHex(v.hash()), k -> new ArrayList<>()).add(new FuzzyMatch(e, v.kind()));
      }
    }
    tables = new Tables(Map.copyOf(next), Map.copyOf(fuzzy));
  }

  /** Entries with a variant of {@code kind} whose hash is {@code hash}. */
  public List<FuzzyMatch> lookupVariant(byte[] hash, Kind kind) {
    List<FuzzyMatch> all = tables.byVariant.getOrDefault(HexFormat.of().formatHex(hash), List.of());
    return all.stream().filter(m -> m.kind() == kind).toList();
  }

  /** Whether any entry has variants (fuzzy matching costs a few hashes per read, so it is skipped otherwise). */
  public boolean hasVariants() {
    return !tables.byVariant.isEmpty();
  }

  /** Entries listing the plate with this hash. */
  public List<HotlistEntry> lookup(byte[] plateHash) {
    return tables.byHash.getOrDefault(HexFormat.of().formatHex(plateHash), List.of());
  }

  /** Number of distinct plates listed. */
  public int size() {
    return tables.byHash.size();
  }
}
