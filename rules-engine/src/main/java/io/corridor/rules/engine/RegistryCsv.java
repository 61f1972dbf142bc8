package io.corridor.rules.engine;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** Field parsers shared by the registry and permit imports, with messages an operator can act on. */
final class RegistryCsv {

  private RegistryCsv() {}

  static LocalDate date(String s) {
    try {
      return LocalDate.parse(s);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("must be a date YYYY-MM-DD, got '" + s + "'");
    }
  }

  static Integer euroClass(String s) {
    try {
      int e = Integer.parseInt(s.replaceFirst("(?i)^euro\\s*", ""));
      if (e < 0 || e > 7) {
        throw new NumberFormatException();
      }
      return e;
    } catch (NumberFormatException ex) {
      throw new IllegalArgumentException("must be a Euro class 0-7 (or 'Euro 6'), got '" + s + "'");
    }
  }
}
