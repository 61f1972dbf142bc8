package io.corridor.load;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * Garbage collections of this JVM (the node and the load generator share it) since the previous
 * call: a collection that stops the world while a query is in flight lands in that query's tail.
 */
final class GcPauses {

  private static long lastCount;
  private static long lastMillis;

  private GcPauses() {}

  /** {@code "<n> GCs, <ms> ms"} since the previous call (or since the JVM started). */
  static synchronized String sinceLast() {
    long count = 0;
    long millis = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      count += Math.max(0, gc.getCollectionCount());
      millis += Math.max(0, gc.getCollectionTime());
    }
    String text = (count - lastCount) + " GCs " + (millis - lastMillis) + " ms";
    lastCount = count;
    lastMillis = millis;
    return text;
  }
}
