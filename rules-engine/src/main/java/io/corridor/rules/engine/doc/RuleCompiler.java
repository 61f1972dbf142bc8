package io.corridor.rules.engine.doc;

import io.corridor.events.ViolationKind;
import io.corridor.rules.engine.Rule;
import io.corridor.rules.engine.RuleRef;
import io.corridor.rules.engine.RuleServices;
import io.corridor.rules.engine.registry.RegistryRule;
import io.corridor.rules.engine.section.SectionChain;
import io.corridor.rules.engine.section.SectionRule;
import io.corridor.rules.engine.section.SectionSpec;
import io.corridor.rules.engine.signal.RedLightRule;
import io.corridor.rules.engine.site.SiteParser;
import io.corridor.rules.engine.site.VehicleClass;
import io.corridor.rules.engine.speed.SpotSpeedRule;
import io.corridor.rules.engine.speed.ToleranceTable;
import io.corridor.rules.engine.zone.RestrictionRule;
import io.corridor.rules.engine.zone.TimeWindow;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Turns a validated {@link RuleDocument} into a {@link Rule}; the format of each type is in {@code docs/api.md}. */
public final class RuleCompiler {

  private static final String[] HEADER = {"id", "version", "type", "description"};

  private final RuleServices services;

  /** Compiles against {@code services}. */
  public RuleCompiler(RuleServices services) {
    this.services = services;
  }

  /**
   * Compiles {@code doc}.
   *
   * @throws RuleValidationException naming rule, field and reason of every problem
   */
  public Rule compile(RuleDocument doc) throws RuleValidationException {
    Fields f = new Fields(doc.id(), doc.body());
    RuleRef ref = new RuleRef(doc.id(), doc.version(), doc.type());
    Rule rule = switch (doc.type()) {
      case "spot-speed" -> spotSpeed(ref, f);
      case "section-speed" -> section(ref, f);
      case "red-light" -> redLight(ref, f);
      case "restricted-zone" -> restriction(ref, f, ViolationKind.RESTRICTED_ZONE);
      case "restricted-lane" -> restriction(ref, f, ViolationKind.RESTRICTED_LANE);
      case "registry" -> registry(ref, f);
      default -> throw new IllegalStateException("type checked by RuleDocuments: " + doc.type());
    };
    f.check();
    return rule;
  }

  private Rule spotSpeed(RuleRef ref, Fields f) {
    f.allowOnly(with("sites", "tolerances"));
    Set<String> sites = Set.copyOf(f.values("sites", s -> s, false));
    return new SpotSpeedRule(ref, ToleranceTable.parse(f, "tolerances"), sites, services.metrics());
  }

  private Rule section(RuleRef ref, Fields f) {
    f.allowOnly(with("sections", "tolerance", "clockSkew", "window", "duplicateWithin", "timezone"));
    ZoneId zone = f.zone("timezone", ZoneId.of("UTC"));
    Duration skew = f.duration("clockSkew", Duration.ofSeconds(1));
    Duration window = f.duration("window", Duration.ofHours(2));
    Duration duplicate = f.duration("duplicateWithin", Duration.ofMinutes(1));
    if (skew != null && (skew.isNegative() || skew.compareTo(Duration.ofMinutes(1)) > 0)) {
      f.error("clockSkew", "must be between 0 and 1m, got " + skew);
    }
    if (window != null && (window.compareTo(Duration.ofMinutes(1)) < 0 || window.compareTo(Duration.ofDays(1)) > 0)) {
      f.error("window", "must be between 1m and 1d, got " + window);
    }
    List<SectionSpec> sections = new java.util.ArrayList<>();
    Set<String> pairs = new HashSet<>();
    for (Fields s : f.list("sections", true)) {
      s.allowOnly("id", "entry", "exit", "distanceMeters", "limits", "periods");
      String id = s.string("id");
      String entry = s.string("entry");
      String exit = s.string("exit");
      Double distance = s.number("distanceMeters", 100, 100_000);
      Map<VehicleClass, Integer> limits = SiteParser.limits(s.object("limits", true));
      if (entry != null && entry.equals(exit)) {
        s.error("exit", "must differ from entry");
      }
      if (entry != null && exit != null && !pairs.add(entry + "->" + exit)) {
        s.error("exit", "another section already runs from " + entry + " to " + exit);
      }
      if (limits.isEmpty()) {
        s.error("limits", "must give at least one vehicle class limit");
      }
      List<SectionSpec.Period> periods = new java.util.ArrayList<>();
      for (Fields p : s.list("periods", false)) {
        p.allowOnly("days", "from", "to", "limits");
        if (!f.has("timezone")) {
          p.error("from", "time-of-day limits need the rule's timezone");
        }
        TimeWindow w = window(p);
        Map<VehicleClass, Integer> pl = SiteParser.limits(p.object("limits", true));
        if (w != null) {
          periods.add(new SectionSpec.Period(w, pl));
        }
      }
      if (id != null && entry != null && exit != null && distance != null) {
        sections.add(new SectionSpec(id, entry, exit, distance, limits, List.copyOf(periods)));
      }
    }
    io.corridor.rules.engine.speed.Tolerance tolerance =
        ToleranceTable.parseTolerance(f.object("tolerance", true));
    SectionChain chain = new SectionChain(ref, sections, tolerance, skew == null ? 0 : skew.toMillis(),
        window == null ? 0 : window.toMillis(), duplicate == null ? 0 : duplicate.toMillis(),
        zone == null ? ZoneId.of("UTC") : zone);
    return new SectionRule(chain, services.journeys(), services.sites(), services.metrics());
  }

  private Rule redLight(RuleRef ref, Fields f) {
    f.allowOnly(with("junctions", "grace", "aggravatedAfter"));
    Duration grace = f.duration("grace", Duration.ofMillis(300));
    Duration aggravated = f.duration("aggravatedAfter", Duration.ofSeconds(1));
    if (grace != null && grace.compareTo(Duration.ofSeconds(2)) > 0) {
      f.error("grace", "must be at most 2s, got " + grace);
    }
    Map<String, RedLightRule.Junction> byCamera = new HashMap<>();
    for (Fields j : f.list("junctions", true)) {
      j.allowOnly("camera", "controller", "signalGroup");
      String camera = j.string("camera");
      String controller = j.string("controller");
      Integer group = j.integer("signalGroup", 0, 255);
      if (camera != null && controller != null && group != null
          && byCamera.put(camera, new RedLightRule.Junction(camera, controller, group)) != null) {
        j.error("camera", "camera " + camera + " is already listed");
      }
    }
    return new RedLightRule(ref, byCamera, grace == null ? 0 : grace.toMillis(),
        aggravated == null ? 1000 : aggravated.toMillis(), services.signals());
  }

  private Rule restriction(RuleRef ref, Fields f, ViolationKind kind) {
    f.allowOnly(with("cameras", "lanes", "timezone", "windows", "classes", "allowedClasses", "minEuroClass", "permits",
        "severity"));
    Set<String> cameras = Set.copyOf(f.values("cameras", s -> s, true));
    Set<Integer> lanes = Set.copyOf(f.values("lanes", Integer::valueOf, kind == ViolationKind.RESTRICTED_LANE));
    ZoneId zone = f.zone("timezone", null);
    if (zone == null && !f.has("timezone")) {
      f.error("timezone", "is required: windows are local time");
    }
    List<TimeWindow> windows = new java.util.ArrayList<>();
    for (Fields w : f.list("windows", false)) {
      w.allowOnly("days", "from", "to");
      TimeWindow tw = window(w);
      if (tw != null) {
        windows.add(tw);
      }
    }
    Set<VehicleClass> banned = EnumSet.noneOf(VehicleClass.class);
    banned.addAll(f.values("classes", VehicleClass::parse, false));
    Set<VehicleClass> allowed = EnumSet.noneOf(VehicleClass.class);
    allowed.addAll(f.values("allowedClasses", VehicleClass::parse, false));
    Integer minEuro = f.has("minEuroClass") ? f.integer("minEuroClass", 1, 7) : null;
    if (banned.isEmpty() && allowed.isEmpty() && minEuro == null) {
      f.error("classes", "state at least one of classes, allowedClasses or minEuroClass");
    }
    String severity = f.has("severity") ? f.parsed("severity", RuleCompiler::severity, "INFO, WARNING or CRITICAL") : null;
    return new RestrictionRule(ref, kind, cameras, lanes, zone == null ? ZoneId.of("UTC") : zone, windows,
        new RestrictionRule.Criteria(banned, allowed, minEuro), f.string("permits", null), services.permits(),
        severity == null ? "WARNING" : severity);
  }

  /** A window {@code {days?, from, to}}; {@code null} (errors recorded) when bad. */
  private static TimeWindow window(Fields w) {
    Set<DayOfWeek> days = EnumSet.allOf(DayOfWeek.class);
    if (w.has("days")) {
      days = EnumSet.noneOf(DayOfWeek.class);
      days.addAll(w.values("days", RuleCompiler::day, true));
    }
    var from = w.time("from");
    var to = w.time("to");
    if (from == null || to == null) {
      return null;
    }
    if (from.equals(to)) {
      w.error("to", "must differ from from (use 00:00 to 24:00 for a whole day)");
      return null;
    }
    return new TimeWindow(days, from, to);
  }

  private Rule registry(RuleRef ref, Fields f) {
    f.allowOnly(with("countries", "checks", "timezone"));
    Set<String> countries = Set.copyOf(f.values("countries", s -> s, false));
    Set<RegistryRule.Check> checks = Set.copyOf(f.values("checks", RuleCompiler::check, true));
    return new RegistryRule(ref, countries, checks, f.zone("timezone", ZoneId.of("UTC")), services.registry());
  }

  private static DayOfWeek day(String s) {
    String d = s.toLowerCase(Locale.ROOT);
    for (DayOfWeek w : DayOfWeek.values()) {
      if (w.name().toLowerCase(Locale.ROOT).startsWith(d) && d.length() >= 3) {
        return w;
      }
    }
    throw new IllegalArgumentException("unknown day '" + s + "'; mon, tue, wed, thu, fri, sat or sun");
  }

  private static RegistryRule.Check check(String s) {
    try {
      return RegistryRule.Check.valueOf(s.toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown check '" + s + "'; one of uninsured, unregistered, registration-expired");
    }
  }

  private static String severity(String s) {
    String v = s.toUpperCase(Locale.ROOT);
    if (!Set.of("INFO", "WARNING", "CRITICAL").contains(v)) {
      throw new IllegalArgumentException("must be INFO, WARNING or CRITICAL, got '" + s + "'");
    }
    return v;
  }

  private static String[] with(String... fields) {
    String[] all = new String[HEADER.length + fields.length];
    System.arraycopy(HEADER, 0, all, 0, HEADER.length);
    System.arraycopy(fields, 0, all, HEADER.length, fields.length);
    return all;
  }
}
