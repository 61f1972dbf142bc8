package io.corridor.anpr.openalpr;

import io.corridor.anpr.EngineUnavailableException;
import io.corridor.anpr.RecognitionException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * The one native boundary of the OpenALPR engine: binds OpenALPR's Java bindings
 * ({@code com.openalpr.jni.Alpr}, backed by {@code libopenalprjni} and {@code libopenalpr})
 * reflectively, so that Corridor compiles, tests and runs other engines on hosts without
 * OpenALPR. Loads once per JVM and fails loudly with what is missing and how to install it.
 *
 * <p>Reads go through the bindings' private {@code native_recognize(byte[])}, which returns
 * OpenALPR's JSON: the public {@code recognize(byte[])} parses that JSON into its own classes and
 * drops it, and picks {@code candidates[0]} as best where OpenALPR picks the first template match.
 */
final class OpenAlprNative {

  static final String ALPR_CLASS = "com.openalpr.jni.Alpr";
  static final String JNI_LIBRARY = "openalprjni";

  static final String INSTALL_HINT = "To install: libopenalpr with its runtime data and /etc/openalpr/openalpr.conf "
      + "(where the distribution packages it, e.g. Ubuntu 20.04: apt-get install openalpr libopenalpr-dev; "
      + "otherwise build the openalpr/openalpr sources with cmake and make install); the Java bindings are not "
      + "packaged: build them with cmake -DWITH_BINDING_JAVA=ON, which compiles src/bindings/java into "
      + System.mapLibraryName(JNI_LIBRARY) + ", put that file on java.library.path (-Djava.library.path=DIR "
      + "or LD_LIBRARY_PATH) and a jar of the com.openalpr.jni classes on the class path";

  /** Finds a class by name, initialising it (which loads its native library). */
  @FunctionalInterface
  interface ClassFinder {
    Class<?> find(String name) throws ClassNotFoundException;
  }

  /** Loads a native library by its short name, as {@link System#loadLibrary} does. */
  @FunctionalInterface
  interface LibraryLoader {
    void load(String name);
  }

  private static OpenAlprNative loaded;
  private static EngineUnavailableException failure;

  private final Constructor<?> constructor;
  private final Method isLoaded;
  private final Method unload;
  private final Method setTopN;
  private final Method setDefaultRegion;
  private final Method nativeRecognize;

  private OpenAlprNative(Class<?> alpr) throws NoSuchMethodException {
    constructor = alpr.getConstructor(String.class, String.class, String.class);
    isLoaded = alpr.getMethod("isLoaded");
    unload = alpr.getMethod("unload");
    setTopN = alpr.getMethod("setTopN", int.class);
    setDefaultRegion = alpr.getMethod("setDefaultRegion", String.class);
    nativeRecognize = alpr.getDeclaredMethod("native_recognize", byte[].class);
    nativeRecognize.setAccessible(true);
  }

  /**
   * The bindings from this class's loader, loaded once per JVM. A failure is remembered too: the
   * JVM never retries a class whose initialiser failed, so neither do we.
   *
   * @throws EngineUnavailableException naming each missing piece and how to install it
   */
  static synchronized OpenAlprNative load() {
    if (loaded != null) {
      return loaded;
    }
    if (failure != null) {
      throw new EngineUnavailableException(failure.getMessage(), failure.getCause());
    }
    ClassLoader loader = OpenAlprNative.class.getClassLoader();
    try {
      loaded = load(name -> Class.forName(name, true, loader), System::loadLibrary);
      return loaded;
    } catch (EngineUnavailableException e) {
      failure = e;
      throw e;
    }
  }

  /** {@link #load()} with the class and library look-ups given, so tests can stand in for them. */
  static OpenAlprNative load(ClassFinder classes, LibraryLoader libraries) {
    List<String> missing = new ArrayList<>();
    Throwable cause;
    try {
      // Initialising Alpr runs its static System.loadLibrary("openalprjni"). Loading the library
      // ourselves first would tie it to our class loader and break the bindings' own load.
      return bind(classes.find(ALPR_CLASS));
    } catch (ClassNotFoundException e) {
      cause = e;
      missing.add("Java class " + ALPR_CLASS + " (OpenALPR's Java bindings) is not on the class path");
      // Also check the library, so that one message lists everything to install.
      try {
        libraries.load(JNI_LIBRARY);
      } catch (UnsatisfiedLinkError | SecurityException le) {
        missing.add(libraryProblem(le));
      }
    } catch (UnsatisfiedLinkError e) {
      cause = e;
      missing.add(libraryProblem(e));
    } catch (LinkageError e) {
      // ExceptionInInitializerError, or NoClassDefFoundError when an earlier initialisation failed.
      cause = e;
      missing.add(ALPR_CLASS + " failed to initialise: " + e);
    }
    throw new EngineUnavailableException("OpenALPR engine unavailable: " + String.join("; ", missing) + ". "
        + INSTALL_HINT + ".", cause);
  }

  static OpenAlprNative bind(Class<?> alpr) {
    try {
      return new OpenAlprNative(alpr);
    } catch (NoSuchMethodException | RuntimeException e) {
      // RuntimeException: InaccessibleObjectException when the bindings sit in a named module.
      throw new EngineUnavailableException("OpenALPR engine unavailable: " + alpr.getName() + " from "
          + alpr.getProtectionDomain().getCodeSource() + " does not have the OpenALPR 2.x binding API ("
          + e + "); use the bindings built from the same OpenALPR version as libopenalpr", e);
    }
  }

  /**
   * Starts one native OpenALPR instance.
   *
   * @throws EngineUnavailableException a configured path is missing or OpenALPR did not load
   */
  AlprSession open(OpenAlprSettings settings) {
    if (!Files.isRegularFile(settings.configFile())) {
      throw new EngineUnavailableException("OpenALPR config file " + settings.configFile() + " does not exist. "
          + INSTALL_HINT + ".");
    }
    if (!Files.isDirectory(settings.runtimeDir())) {
      throw new EngineUnavailableException("OpenALPR runtime_data directory " + settings.runtimeDir()
          + " does not exist. " + INSTALL_HINT + ".");
    }
    Object alpr = newAlpr(settings);
    if (!(Boolean) call(alpr, isLoaded)) {
      call(alpr, unload);
      throw new EngineUnavailableException("OpenALPR did not load with country '" + settings.country() + "', config "
          + settings.configFile() + " and runtime data " + settings.runtimeDir() + ": check that "
          + settings.runtimeDir().resolve("config").resolve(settings.country() + ".conf")
          + " exists and the config file is readable (OpenALPR prints the reason on stderr)");
    }
    call(alpr, setTopN, settings.topN());
    return new Session(alpr);
  }

  private Object newAlpr(OpenAlprSettings settings) {
    try {
      return constructor.newInstance(settings.country(), settings.configFile().toString(),
          settings.runtimeDir().toString());
    } catch (InvocationTargetException e) {
      throw new EngineUnavailableException("OpenALPR failed to start with country '" + settings.country() + "': "
          + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new EngineUnavailableException("OpenALPR bindings cannot be instantiated: " + e, e);
    }
  }

  private static Object call(Object alpr, Method method, Object... args) {
    try {
      return method.invoke(alpr, args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      throw new RecognitionException("OpenALPR " + method.getName() + " failed: " + cause, cause);
    } catch (IllegalAccessException e) {
      throw new RecognitionException("OpenALPR " + method.getName() + " is not accessible: " + e, e);
    }
  }

  private static String libraryProblem(Throwable e) {
    return "native library " + System.mapLibraryName(JNI_LIBRARY) + " (which needs libopenalpr) could not be loaded: "
        + e.getMessage();
  }

  /** One native instance; {@link HandlePool} keeps it to one thread at a time. */
  private final class Session implements AlprSession {
    private final Object alpr;
    private String region = "";

    Session(Object alpr) {
      this.alpr = alpr;
    }

    @Override
    public String recognizeJson(byte[] image, String defaultRegion) {
      String wanted = defaultRegion == null ? "" : defaultRegion;
      if (!wanted.equals(region)) {
        call(alpr, setDefaultRegion, wanted);
        region = wanted;
      }
      Object json = call(alpr, nativeRecognize, (Object) image);
      if (!(json instanceof String text)) {
        throw new RecognitionException("OpenALPR returned no result for a " + image.length + "-byte image");
      }
      return text;
    }

    @Override
    public void unload() {
      call(alpr, unload);
    }
  }
}
