package io.corridor.anpr.openalpr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.corridor.anpr.EngineUnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenAlprNativeTest {

  @TempDir Path dir;

  @AfterEach
  void resetFake() {
    FakeAlpr.loads = true;
    FakeAlpr.last = null;
  }

  @Test
  void failsOnThisHostNamingWhatIsMissingAndHowToInstallIt() {
    assumeTrue(!onClassPath(OpenAlprNative.ALPR_CLASS), "OpenALPR bindings are installed here");

    assertThatThrownBy(OpenAlprNative::load)
        .isInstanceOf(EngineUnavailableException.class)
        .hasMessageStartingWith("OpenALPR engine unavailable: Java class com.openalpr.jni.Alpr (OpenALPR's Java bindings) is not on the class path")
        .hasMessageContaining("native library libopenalprjni.so (which needs libopenalpr) could not be loaded: no openalprjni in java.library.path")
        .hasMessageContaining("apt-get install openalpr libopenalpr-dev")
        .hasMessageContaining("cmake -DWITH_BINDING_JAVA=ON")
        .hasMessageContaining("-Djava.library.path=DIR");
    // Remembered: the second attempt reports the same, without retrying a failed class init.
    String first = catchMessage(OpenAlprNative::load);
    assertThat(catchMessage(OpenAlprNative::load)).isEqualTo(first);
  }

  @Test
  void openAlprRecognizerOpenFailsTheSameWay() {
    assumeTrue(!onClassPath(OpenAlprNative.ALPR_CLASS), "OpenALPR bindings are installed here");
    assertThatThrownBy(() -> OpenAlprRecognizer.open(OpenAlprSettings.defaults()))
        .isInstanceOf(EngineUnavailableException.class)
        .hasMessageContaining("com.openalpr.jni.Alpr")
        .hasMessageContaining("libopenalprjni.so");
  }

  @Test
  void reportsOnlyTheLibraryWhenTheBindingsArePresent() {
    List<String> loaded = new ArrayList<>();
    assertThatThrownBy(() -> OpenAlprNative.load(name -> {
      throw new UnsatisfiedLinkError("libopenalpr.so.2: cannot open shared object file: No such file or directory");
    }, loaded::add))
        .isInstanceOf(EngineUnavailableException.class)
        .hasMessageStartingWith("OpenALPR engine unavailable: native library libopenalprjni.so (which needs libopenalpr) "
            + "could not be loaded: libopenalpr.so.2: cannot open shared object file")
        .message().doesNotContain("not on the class path");
    assertThat(loaded).as("the bindings load their own library").isEmpty();
  }

  @Test
  void reportsOnlyTheBindingsWhenTheLibraryLoads() {
    List<String> loaded = new ArrayList<>();
    assertThatThrownBy(() -> OpenAlprNative.load(name -> {
      throw new ClassNotFoundException(name);
    }, loaded::add))
        .hasMessageContaining("com.openalpr.jni.Alpr (OpenALPR's Java bindings) is not on the class path")
        .message().doesNotContain("could not be loaded");
    assertThat(loaded).containsExactly("openalprjni");
  }

  @Test
  void bindsTheBindingsReflectivelyAndDrivesOneInstance() throws IOException {
    OpenAlprNative alpr = OpenAlprNative.load(name -> FakeAlpr.class, name -> {});
    OpenAlprSettings settings = settings(Files.createFile(dir.resolve("openalpr.conf")), Files.createDirectory(dir.resolve("runtime_data")));

    AlprSession session = alpr.open(settings);
    FakeAlpr fake = FakeAlpr.last;
    assertThat(fake.country).isEqualTo("eu");
    assertThat(fake.configFile).isEqualTo(settings.configFile().toString());
    assertThat(fake.runtimeDir).isEqualTo(settings.runtimeDir().toString());

    assertThat(session.recognizeJson(new byte[12], "rs")).isEqualTo(FakeAlpr.json);
    session.recognizeJson(new byte[7], "rs");
    session.recognizeJson(new byte[5], null);
    session.unload();

    assertThat(fake.calls).containsExactly("setTopN 7", "setDefaultRegion rs", "recognize 12", "recognize 7",
        "setDefaultRegion ", "recognize 5", "unload");
  }

  @Test
  void namesMissingConfiguredFiles() throws IOException {
    OpenAlprNative alpr = OpenAlprNative.load(name -> FakeAlpr.class, name -> {});
    Path conf = dir.resolve("openalpr.conf");
    Path runtime = dir.resolve("runtime_data");
    assertThatThrownBy(() -> alpr.open(settings(conf, runtime))).isInstanceOf(EngineUnavailableException.class)
        .hasMessageStartingWith("OpenALPR config file " + conf + " does not exist.");
    Files.createFile(conf);
    assertThatThrownBy(() -> alpr.open(settings(conf, runtime)))
        .hasMessageStartingWith("OpenALPR runtime_data directory " + runtime + " does not exist.");
  }

  @Test
  void failsWhenOpenAlprDoesNotLoadAndFreesTheInstance() throws IOException {
    OpenAlprNative alpr = OpenAlprNative.load(name -> FakeAlpr.class, name -> {});
    FakeAlpr.loads = false;
    OpenAlprSettings settings = settings(Files.createFile(dir.resolve("openalpr.conf")), Files.createDirectory(dir.resolve("runtime_data")));
    assertThatThrownBy(() -> alpr.open(settings)).isInstanceOf(EngineUnavailableException.class)
        .hasMessageStartingWith("OpenALPR did not load with country 'eu'")
        .hasMessageContaining(settings.runtimeDir().resolve("config").resolve("eu.conf").toString());
    assertThat(FakeAlpr.last.calls).containsExactly("unload");
  }

  @Test
  void rejectsBindingsWithAnotherApi() {
    assertThatThrownBy(() -> OpenAlprNative.load(name -> FakeAlpr.WithoutNativeRecognize.class, name -> {}))
        .isInstanceOf(EngineUnavailableException.class)
        .hasMessageContaining("does not have the OpenALPR 2.x binding API")
        .hasMessageContaining("native_recognize");
  }

  private static OpenAlprSettings settings(Path conf, Path runtime) {
    return new OpenAlprSettings("eu", conf, runtime, 7, 2, Duration.ofSeconds(1));
  }

  private static boolean onClassPath(String name) {
    try {
      Class.forName(name, false, OpenAlprNativeTest.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  private static String catchMessage(Runnable action) {
    try {
      action.run();
      return null;
    } catch (EngineUnavailableException e) {
      return e.getMessage();
    }
  }
}
