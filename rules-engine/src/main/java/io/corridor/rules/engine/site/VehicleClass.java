package io.corridor.rules.engine.site;

import java.util.Locale;

/** The vehicle classes speed limits and restrictions distinguish. */
public enum VehicleClass {
  CAR("car"),
  MOTORCYCLE("motorcycle"),
  BUS("bus"),
  /** Heavy goods vehicle over 3.5 t (up to 7.5 t). */
  HGV_3_5T("hgv>3.5t"),
  /** Heavy goods vehicle over 7.5 t. */
  HGV_7_5T("hgv>7.5t");

  private final String code;

  VehicleClass(String code) {
    this.code = code;
  }

  /** The name used in rule documents, site JSON and registry CSV, e.g. {@code hgv>3.5t}. */
  public String code() {
    return code;
  }

  /**
   * Parses a code ({@code car}, {@code hgv>3.5t}) or enum name ({@code HGV_3_5T}).
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static VehicleClass parse(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    for (VehicleClass c : values()) {
      if (c.code.equals(v) || c.name().toLowerCase(Locale.ROOT).equals(v)) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown vehicle class '" + value + "'; one of car, motorcycle, bus, hgv>3.5t, hgv>7.5t");
  }
}
