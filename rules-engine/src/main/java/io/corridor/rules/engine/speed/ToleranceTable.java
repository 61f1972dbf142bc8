package io.corridor.rules.engine.speed;

import io.corridor.rules.engine.doc.Fields;
import io.corridor.rules.engine.site.MeasurementType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Tolerances per country and measurement type, as rule documents declare them:
 * <pre>
 * tolerances:
 *   - country: DE
 *     devices: [radar, laser, video]     # optional: any device when absent
 *     decimals: 0
 *     bands: [{below: 100, kmh: 3}, {percent: 3}]
 *   - country: IT
 *     decimals: 1
 *     bands: [{kmh: 5, percent: 5}]       # the larger of the two
 *   - country: FR
 *     mobile: true                          # optional: fixed and mobile devices alike when absent
 *     bands: [{below: 100, kmh: 10}, {percent: 10}]
 *   - country: GB
 *     bands: [{kmh: 3.2, percent: 10, sum: true}]
 *   - country: "*"                          # any other country
 *     bands: [{below: 100, kmh: 5}, {percent: 5}]
 *     threshold: 0
 * </pre>
 */
public final class ToleranceTable {

  private record Entry(String country, Set<MeasurementType> devices, Boolean mobile, Tolerance tolerance) {}

  private final List<Entry> entries;

  private ToleranceTable(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /** The tolerance for a fixed device of type {@code device} in {@code country}, or {@code null} when none is configured. */
  public Tolerance lookup(String country, MeasurementType device) {
    return lookup(country, device, false);
  }

  /** The tolerance for a device of type {@code device}, fixed or {@code mobile}, in {@code country}; {@code null} when none. */
  public Tolerance lookup(String country, MeasurementType device, boolean mobile) {
    for (Entry e : entries) {
      if ((e.country.equals("*") || e.country.equals(country)) && (e.devices.isEmpty() || e.devices.contains(device))
          && (e.mobile == null || e.mobile == mobile)) {
        return e.tolerance;
      }
    }
    return null;
  }

  /** Reads the list {@code name} of {@code doc}; problems are recorded in {@code doc}. */
  public static ToleranceTable parse(Fields doc, String name) {
    List<Entry> entries = new ArrayList<>();
    for (Fields t : doc.list(name, true)) {
      t.allowOnly("country", "devices", "mobile", "decimals", "bands", "threshold");
      String country = t.string("country");
      Set<MeasurementType> devices = Set.copyOf(t.values("devices", MeasurementType::parse, false));
      Boolean mobile = t.has("mobile") ? t.bool("mobile", false) : null;
      Tolerance tolerance = parseTolerance(t);
      if (country != null && tolerance != null) {
        entries.add(new Entry(country, devices, mobile, tolerance));
      }
    }
    return new ToleranceTable(entries);
  }

  /** Reads {@code decimals}, {@code bands} and {@code threshold} of one tolerance. */
  public static Tolerance parseTolerance(Fields t) {
    int decimals = t.integer("decimals", 0, 3, 0);
    BigDecimal threshold = BigDecimal.valueOf(t.number("threshold", 0, 100, 0));
    List<ToleranceBand> bands = new ArrayList<>();
    List<Fields> bandDocs = t.list("bands", true);
    for (int i = 0; i < bandDocs.size(); i++) {
      Fields b = bandDocs.get(i);
      b.allowOnly("below", "kmh", "percent", "sum");
      BigDecimal below = b.has("below") ? BigDecimal.valueOf(b.number("below", 1, 400, 1)) : null;
      if (below == null && i < bandDocs.size() - 1) {
        b.error("below", "is required on every band but the last");
      }
      if (!b.has("kmh") && !b.has("percent")) {
        b.error("kmh", "a band needs kmh, percent or both");
      }
      bands.add(new ToleranceBand(below, BigDecimal.valueOf(b.number("kmh", 0, 50, 0)),
          BigDecimal.valueOf(b.number("percent", 0, 50, 0)), b.bool("sum", false)));
    }
    return new Tolerance(bands, decimals, threshold);
  }
}
