package io.corridor.rules;

import io.corridor.events.Alert;
import io.corridor.events.AlertKind;
import io.corridor.events.EventIds;
import io.corridor.events.PlateRead;
import io.corridor.storage.PlateProtector;
import java.time.Clock;
import java.util.List;

/**
 * A read of a hotlisted plate raises an alert. The alert id derives from the entry and the read,
 * so running the rule again on the same read never raises a second alert.
 */
public final class HotlistRule {

  /** Rule id carried by the alerts it raises. */
  public static final String RULE_ID = "hotlist";

  private final Hotlist hotlist;
  private final PlateProtector protector;
  private final Clock clock;

  /** Matches against {@code hotlist} using the blind index of {@code protector}. */
  public HotlistRule(Hotlist hotlist, PlateProtector protector, Clock clock) {
    this.hotlist = hotlist;
    this.protector = protector;
    this.clock = clock;
  }

  /** Alerts for {@code read}: one per active entry listing its plate. */
  public List<Alert> evaluate(PlateRead read) {
    return hotlist.lookup(protector.hash(read.getPlate())).stream()
        .filter(entry -> entry.activeAt(read.getEventTime()))
        .map(entry -> Alert.newBuilder()
            .setEventId(EventIds.deterministic(RULE_ID, entry.id(), read.getEventId()))
            .setDeviceId(read.getDeviceId())
            .setEventTime(read.getEventTime())
            .setReceivedTime(clock.instant())
            .setKind(AlertKind.HOTLIST_MATCH)
            .setSeverity(entry.severity())
            .setRuleId(RULE_ID)
            .setSubjectId(read.getEventId())
            .setReason("hotlist entry " + entry.id() + ": " + entry.reason())
            .build())
        .toList();
  }
}
