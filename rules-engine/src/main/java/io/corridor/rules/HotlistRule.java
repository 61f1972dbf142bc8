package io.corridor.rules;

import io.corridor.events.Alert;
import io.corridor.events.AlertKind;
import io.corridor.events.EventIds;
import io.corridor.events.PlateRead;
import io.corridor.storage.PlateProtector;
import io.corridor.events.Severity;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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

  /**
   * Alerts for {@code read}: one per active entry listing its plate, and one of lower severity per
   * active entry the read matches only through an OCR confusion (O/0, I/1, B/8, S/5, Z/2) or one
   * missing or extra character.
   */
  public List<Alert> evaluate(PlateRead read) {
    List<Alert> alerts = new ArrayList<>();
    Set<String> matched = new HashSet<>();
    for (HotlistEntry entry : hotlist.lookup(protector.hash(read.getPlate()))) {
      if (entry.activeAt(read.getEventTime()) && matched.add(entry.id())) {
        alerts.add(alert(read, entry, entry.severity(), "hotlist entry " + entry.id() + ": " + entry.reason()));
      }
    }
    if (!hotlist.hasVariants()) {
      return alerts;
    }
    String folded = PlateVariants.fold(read.getPlate());
    byte[] foldedHash = protector.hash(folded);
    List<Hotlist.FuzzyMatch> fuzzy = new ArrayList<>(hotlist.lookupVariant(foldedHash, Hotlist.Kind.CONFUSABLE));
    fuzzy.addAll(hotlist.lookupVariant(foldedHash, Hotlist.Kind.MISSING));
    for (String shorter : PlateVariants.deletions(folded)) {
      fuzzy.addAll(hotlist.lookupVariant(protector.hash(shorter), Hotlist.Kind.CONFUSABLE));
    }
    for (Hotlist.FuzzyMatch m : fuzzy) {
      HotlistEntry entry = m.entry();
      if (entry.activeAt(read.getEventTime()) && matched.add(entry.id())) {
        alerts.add(alert(read, entry, lower(entry.severity()), "possible match (OCR-confusable or one character "
            + "missing or extra) of hotlist entry " + entry.id() + ": " + entry.reason()));
      }
    }
    return alerts;
  }

  private Alert alert(PlateRead read, HotlistEntry entry, Severity severity, String reason) {
    return Alert.newBuilder()
        .setEventId(EventIds.deterministic(RULE_ID, entry.id(), read.getEventId()))
        .setDeviceId(read.getDeviceId())
        .setEventTime(read.getEventTime())
        .setReceivedTime(clock.instant())
        .setKind(AlertKind.HOTLIST_MATCH)
        .setSeverity(severity)
        .setRuleId(RULE_ID)
        .setSubjectId(read.getEventId())
        .setReason(reason)
        .build();
  }

  /** One step less severe: a possible match is worth a look, not a stop. */
  static Severity lower(Severity s) {
    return s == Severity.CRITICAL ? Severity.WARNING : Severity.INFO;
  }
}
