package io.corridor.rules.engine;

/** The A2-like chain of two contiguous sections the section tests drive through. */
final class SectionFixtures {

  private SectionFixtures() {}

  /**
   * k10 → k15 (5 km) → k21 (6 km); cars 100 from 06:00 to 19:00 Berlin time and 130 otherwise,
   * lorries 80; German tolerance; 1 s clock-skew allowance.
   */
  static final String CHAIN = """
      id: section-a2
      version: 2
      type: section-speed
      window: 1h
      clockSkew: 1s
      timezone: Europe/Berlin
      tolerance:
        bands: [{below: 100, kmh: 3}, {percent: 3}]
      sections:
        - id: A2-1
          entry: cam-a2-k10
          exit: cam-a2-k15
          distanceMeters: 5000
          limits: {car: 130, hgv>3.5t: 80}
          periods: [{from: "06:00", to: "19:00", limits: {car: 100, hgv>3.5t: 80}}]
        - id: A2-2
          entry: cam-a2-k15
          exit: cam-a2-k21
          distanceMeters: 6000
          limits: {car: 130, hgv>3.5t: 80}
          periods: [{from: "06:00", to: "19:00", limits: {car: 100, hgv>3.5t: 80}}]
      """;

  static String site(String id, String camera, String certificate) {
    return """
        device: %s
        country: DE
        timezone: Europe/Berlin
        measurement: section
        calibration: {certificate: %s, validUntil: 2027-06-30}
        purpose: enforcement
        limits: {car: 100}
        """.formatted(camera, certificate) + "name: " + id + "\n";
  }

  static void sites(EngineHarness h) throws Exception {
    h.site("a2-k10", site("a2-k10", "cam-a2-k10", "PTB-S-10"));
    h.site("a2-k15", site("a2-k15", "cam-a2-k15", "PTB-S-15"));
    h.site("a2-k21", site("a2-k21", "cam-a2-k21", "PTB-S-21"));
  }
}
