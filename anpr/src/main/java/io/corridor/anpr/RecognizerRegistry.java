package io.corridor.anpr;

import io.corridor.anpr.builtin.BuiltinRecognizer;
import io.corridor.anpr.openalpr.OpenAlprRecognizer;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Chooses a recognition engine by its configured name and starts it, failing fast with a clear
 * message for a name it does not know or an engine this build or host cannot run. Immutable.
 */
public final class RecognizerRegistry {

  /** OpenALPR through its JNI bindings; needs libopenalpr and libopenalprjni on the host. */
  public static final String OPENALPR = OpenAlprRecognizer.ENGINE;
  /** Corridor's own engine, the default; see {@link BuiltinRecognizer}. */
  public static final String BUILTIN = "builtin";

  private static final Set<String> KNOWN = Set.of(OPENALPR, BUILTIN);

  private final Map<String, RecognizerFactory> factories;

  private RecognizerRegistry(Map<String, RecognizerFactory> factories) {
    this.factories = Map.copyOf(factories);
  }

  /**
   * The engines of this build: "builtin" ({@link BuiltinRecognizer}: OpenCV from Maven Central and
   * the module's own character network) and "openalpr".
   */
  public static RecognizerRegistry standard() {
    return new RecognizerRegistry(Map.of(OPENALPR, settings -> OpenAlprRecognizer.open(settings.openAlpr())))
        .withBuiltin(BuiltinRecognizer.factory());
  }

  /** This registry with the built-in engine's factory in its slot. */
  public RecognizerRegistry withBuiltin(BuiltinRecognizerFactory builtin) {
    return with(BUILTIN, builtin);
  }

  /** This registry with another factory under {@code name} (lower case), replacing any there. */
  public RecognizerRegistry with(String name, RecognizerFactory factory) {
    Objects.requireNonNull(factory, "factory");
    Map<String, RecognizerFactory> copy = new TreeMap<>(factories);
    copy.put(key(name), factory);
    return new RecognizerRegistry(copy);
  }

  /** Names that {@link #create} can start. */
  public Set<String> available() {
    return new TreeSet<>(factories.keySet());
  }

  /**
   * Starts the engine called {@code name} (case and surrounding blanks ignored).
   *
   * @throws IllegalArgumentException no engine has that name; the message lists the known ones
   * @throws EngineUnavailableException the engine is known but not in this build, or cannot run
   *     on this host
   */
  public PlateRecognizer create(String name, EngineSettings settings) {
    String key = key(name);
    RecognizerFactory factory = factories.get(key);
    if (factory != null) {
      return factory.create(settings);
    }
    Set<String> names = new TreeSet<>(KNOWN);
    names.addAll(factories.keySet());
    if (!names.contains(key)) {
      throw new IllegalArgumentException("unknown ANPR engine '" + name + "'; known engines: " + String.join(", ", names));
    }
    throw new EngineUnavailableException("ANPR engine '" + key + "' is not part of this build yet (no "
        + (key.equals(BUILTIN) ? BuiltinRecognizerFactory.class.getSimpleName() : "factory")
        + " registered); engines available: " + String.join(", ", available()));
  }

  private static String key(String name) {
    Objects.requireNonNull(name, "engine name");
    return name.strip().toLowerCase(Locale.ROOT);
  }
}
