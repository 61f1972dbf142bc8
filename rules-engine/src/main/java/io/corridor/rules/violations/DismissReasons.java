package io.corridor.rules.violations;

import java.util.List;
import java.util.Locale;

/**
 * The reason codes an officer may dismiss a violation with, from configuration. The code
 * {@value #OTHER} needs a note saying what the reason was.
 */
public record DismissReasons(List<String> codes) {

  /** The code that requires a note. */
  public static final String OTHER = "other";

  /** The default list: the rejection reasons back offices use. */
  public static final String DEFAULT = "unreadable_plate,plate_misread,emergency_vehicle,wrong_vehicle_class,"
      + "equipment_fault,duplicate,other";

  /** Parses a comma-separated list. */
  public static DismissReasons parse(String csv) {
    List<String> codes = java.util.Arrays.stream(csv.split(",")).map(s -> s.trim().toLowerCase(Locale.ROOT))
        .filter(s -> !s.isEmpty()).distinct().toList();
    if (codes.isEmpty()) {
      throw new IllegalArgumentException("at least one dismissal reason code is needed");
    }
    return new DismissReasons(codes);
  }

  /** Checks a dismissal's reason code and note. */
  void check(String code, String note) {
    if (code == null || code.isBlank()) {
      throw ReviewException.invalid("reasonCode", "a reason code is required; one of " + String.join(", ", codes));
    }
    if (!codes.contains(code)) {
      throw ReviewException.invalid("reasonCode", "unknown reason code '" + code + "'; one of " + String.join(", ", codes));
    }
    if (code.equals(OTHER) && (note == null || note.isBlank())) {
      throw ReviewException.invalid("note", "reason code 'other' needs a note saying why");
    }
  }
}
