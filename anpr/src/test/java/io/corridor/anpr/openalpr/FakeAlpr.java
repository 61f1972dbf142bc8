package io.corridor.anpr.openalpr;

import java.util.ArrayList;
import java.util.List;

/**
 * Stands in for {@code com.openalpr.jni.Alpr}: the same public constructor and methods and the
 * same private {@code native_recognize(byte[])}, so OpenAlprNative's reflective binding is
 * exercised without the native library.
 */
public class FakeAlpr {

  static volatile FakeAlpr last;
  static volatile boolean loads = true;
  static volatile String json = OpenAlprResultParserTest.resource("no-plates.json");

  final String country;
  final String configFile;
  final String runtimeDir;
  final List<String> calls = new ArrayList<>();

  public FakeAlpr(String country, String configFile, String runtimeDir) {
    this.country = country;
    this.configFile = configFile;
    this.runtimeDir = runtimeDir;
    last = this;
  }

  public boolean isLoaded() {
    return loads;
  }

  public void unload() {
    calls.add("unload");
  }

  public void setTopN(int topN) {
    calls.add("setTopN " + topN);
  }

  public void setDefaultRegion(String region) {
    calls.add("setDefaultRegion " + region);
  }

  @SuppressWarnings("unused") // called reflectively, as OpenALPR's private native method is
  private String native_recognize(byte[] image) {
    calls.add("recognize " + image.length);
    return json;
  }

  /** Bindings of another OpenALPR generation: no native_recognize. */
  public static class WithoutNativeRecognize {
    public WithoutNativeRecognize(String country, String configFile, String runtimeDir) {}

    public boolean isLoaded() {
      return true;
    }

    public void unload() {}

    public void setTopN(int topN) {}

    public void setDefaultRegion(String region) {}
  }
}
