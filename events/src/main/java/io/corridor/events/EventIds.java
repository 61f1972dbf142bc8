package io.corridor.events;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Ids for events Corridor derives itself (alerts, violations): the same inputs always give the same id. */
public final class EventIds {

  private EventIds() {}

  /**
   * A name-based (type 3) UUID over the parts joined by {@code '|'}, so re-running a rule on the
   * same inputs never produces a second alert or violation.
   */
  public static String deterministic(String... parts) {
    return UUID.nameUUIDFromBytes(String.join("|", parts).getBytes(StandardCharsets.UTF_8)).toString();
  }

  /**
   * Parses an edge-chosen id, returning it in canonical lower-case form.
   *
   * @throws IllegalArgumentException when it is not a UUID
   */
  public static UUID parse(String id) {
    if (id == null || id.length() != 36) {
      throw new IllegalArgumentException("must be a UUID like 123e4567-e89b-12d3-a456-426614174000");
    }
    return UUID.fromString(id);
  }
}
