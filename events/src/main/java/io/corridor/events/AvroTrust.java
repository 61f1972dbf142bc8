package io.corridor.events;

import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro 1.12 refuses to instantiate generated classes outside trusted packages
 * ({@code SecurityException: Forbidden ...}). Corridor's events live in {@code io.corridor.events};
 * this adds exactly that package to Avro's global predicate, keeping Avro's own defaults.
 */
public final class AvroTrust {

  private static final String PACKAGE_PREFIX = "io.corridor.events.";
  private static volatile boolean installed;

  private AvroTrust() {}

  /** Idempotent; every entry point (main, verticle start, decoder) may call it. */
  public static void trustEventPackages() {
    if (installed) {
      return;
    }
    synchronized (AvroTrust.class) {
      if (!installed) {
        ClassSecurityValidator.ClassSecurityPredicate previous = ClassSecurityValidator.getGlobal();
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(
            previous, type -> type.getName().startsWith(PACKAGE_PREFIX)));
        installed = true;
      }
    }
  }
}
