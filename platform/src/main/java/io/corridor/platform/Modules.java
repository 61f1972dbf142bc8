package io.corridor.platform;

import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The capability modules on the class path, found through {@link ServiceLoader}: a module
 * registers itself in {@code META-INF/services/io.corridor.platform.CorridorModule}, so adding
 * a capability changes no launcher code. Ordered by name for a stable start-up sequence.
 */
public final class Modules {

  private Modules() {}

  /** Every registered module, ordered by {@link CorridorModule#name()}. */
  public static List<CorridorModule> discover() {
    return ServiceLoader.load(CorridorModule.class).stream()
        .map(ServiceLoader.Provider::get)
        .sorted(Comparator.comparing(CorridorModule::name))
        .toList();
  }
}
