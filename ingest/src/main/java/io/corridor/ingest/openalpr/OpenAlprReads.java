package io.corridor.ingest.openalpr;

import io.corridor.anpr.PlateCandidate;
import io.corridor.anpr.plate.PlateFormat;
import io.corridor.anpr.plate.PlateFormats;
import io.corridor.events.EventIds;
import io.corridor.events.PlateReadCandidate;
import java.util.List;
import java.util.Locale;

/**
 * How the agent's identifiers and codes become Corridor's: event and frame ids derived from the
 * agent's uuids (so a re-sent message is stored once), the plate's country, the candidates kept on
 * the read. Plain functions.
 */
final class OpenAlprReads {

  /** Most candidates kept on a read. */
  static final int MAX_CANDIDATES = 10;

  private OpenAlprReads() {}

  /** The read id of a vehicle group: one per camera and group, whatever the agent sends again. */
  static String groupEventId(String deviceId, String groupKey) {
    return EventIds.deterministic("openalpr-group", deviceId, groupKey);
  }

  /** The frame id under which one crop of a group is held for evidence ("vehicle" or "plate"). */
  static String groupCropId(String deviceId, String groupKey, String crop) {
    return EventIds.deterministic("openalpr-group-crop", deviceId, groupKey, crop);
  }

  /**
   * The frame id of plate {@code index} of an {@code alpr_results} frame: each plate is a frame of
   * its own to Corridor, because its crop is the only image the agent sends of it.
   */
  static String plateFrameId(String deviceId, String frameUuid, int index) {
    return EventIds.deterministic("openalpr-frame", deviceId, frameUuid, Integer.toString(index));
  }

  /**
   * The plate's country: the agent's region when it runs with the European configuration (its
   * regions are countries there), the agent's country when that is one country ("us"), else the
   * country whose Corridor format the plate fits, else none.
   */
  static String country(String agentCountry, String region, String plate) {
    if ("eu".equals(agentCountry) && region != null && region.matches("[A-Za-z]{2}")) {
      return region.toUpperCase(Locale.ROOT);
    }
    if (agentCountry != null && agentCountry.matches("[a-z]{2}") && !"eu".equals(agentCountry)) {
      return agentCountry.toUpperCase(Locale.ROOT);
    }
    for (PlateFormat format : PlateFormats.standard().all()) {
      if (!format.generic() && format.matches(plate)) {
        return format.country();
      }
    }
    return null;
  }

  /** The candidates as the read carries them, best first, at most {@link #MAX_CANDIDATES}. */
  static List<PlateReadCandidate> candidates(List<PlateCandidate> candidates) {
    return candidates.stream().limit(MAX_CANDIDATES)
        .map(c -> new PlateReadCandidate(c.text(), (float) c.confidence())).toList();
  }
}
