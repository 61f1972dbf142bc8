package io.corridor.tracking.detect;

import io.corridor.events.EventIds;
import java.io.Serializable;
import java.time.Instant;
import java.util.Map;

/**
 * One episode of a shipment misbehaving: raised once, closed when it clears. The id is derived
 * from shipment, kind, episode key and the episode's start, so judging the same positions again
 * (a retry, a backup replaying an entry processor, a node taking over) gives the same id.
 *
 * @param id deterministic id
 * @param shipmentId the shipment
 * @param kind what it is about
 * @param key what distinguishes parallel episodes of one kind (tracker, crossing, alarm, camera)
 * @param severity how urgent
 * @param deviceId the tracker (or camera) whose event raised or closed it
 * @param openedAt event time the episode began (not when the threshold was passed)
 * @param closedAt event time it cleared; null while open
 * @param reason human-readable, without plate text
 * @param details figures behind it: peak temperature, minutes, litres, distance
 */
public record CargoAlert(String id, String shipmentId, AlertKind kind, String key, String severity, String deviceId,
    Instant openedAt, Instant closedAt, String reason, Map<String, String> details) implements Serializable {

  /** Copies the details. */
  public CargoAlert {
    details = details == null ? Map.of() : Map.copyOf(details);
  }

  /** The id of the episode of {@code kind}/{@code key} on {@code shipmentId} that began at {@code openedAt}. */
  public static String idOf(String shipmentId, AlertKind kind, String key, Instant openedAt) {
    return EventIds.deterministic("cargo", shipmentId, kind.name(), key, openedAt.toString());
  }

  /** Whether it has cleared. */
  public boolean closed() {
    return closedAt != null;
  }
}
