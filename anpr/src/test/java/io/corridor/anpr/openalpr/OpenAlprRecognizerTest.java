package io.corridor.anpr.openalpr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.corridor.anpr.EngineUnavailableException;
import io.corridor.anpr.InvalidImageException;
import io.corridor.anpr.PlateCandidate;
import io.corridor.anpr.RecognitionException;
import io.corridor.anpr.RecognitionHints;
import io.corridor.anpr.RecognitionResult;
import io.corridor.anpr.RecognizedPlate;
import io.corridor.anpr.image.ImageProbe;
import io.corridor.anpr.plate.PlatePostProcessor;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class OpenAlprRecognizerTest {

  private final List<ScriptedSession> sessions = Collections.synchronizedList(new ArrayList<>());

  @Test
  void recognisesParsesAndPostProcesses() throws IOException {
    try (OpenAlprRecognizer recognizer = recognizer(2, Duration.ofSeconds(1), scripted("two-plates.json"))) {
      RecognitionResult result = recognizer.recognize(jpeg(), new RecognitionHints("RS", "rs"));

      assertThat(recognizer.engine()).isEqualTo("openalpr");
      assertThat(result.imageWidth()).isEqualTo(1280);
      assertThat(result.processingTime()).isPositive();
      RecognizedPlate serbian = result.plates().get(0);
      assertThat(serbian.text()).isEqualTo("BG123AB");
      assertThat(serbian.formatId()).isEqualTo("RS");
      // BG123A8 and 8G123AB correct to BG123AB and merge; BG12JAB fits the British format as read
      // (BG12 JAB), which beats a Bucharest plate with one swap (B 612 JAB).
      assertThat(serbian.candidates()).extracting(PlateCandidate::text).containsExactly("BG123AB", "BG12JAB");
      assertThat(serbian.confidence()).as("best evidence of the merged readings").isCloseTo(0.91214432, within(1e-9));
      RecognizedPlate kosovo = result.plates().get(1);
      assertThat(kosovo.country()).isEqualTo("XK");
      // Under the Serbian hint the O-reading becomes Serbian-shaped; the exact Kosovo reading stays best.
      assertThat(kosovo.candidates()).extracting(PlateCandidate::text).containsExactly("01234AB", "OI234AB");
      assertThat(sessions.getFirst().regions).containsExactly("rs");
    }
  }

  @Test
  void rejectsABadImageBeforeTouchingNativeCode() {
    try (OpenAlprRecognizer recognizer = recognizer(1, Duration.ofSeconds(1), scripted("two-plates.json"))) {
      assertThatThrownBy(() -> recognizer.recognize("GIF89a....".getBytes(), RecognitionHints.none()))
          .isInstanceOf(InvalidImageException.class);
      assertThat(sessions.getFirst().regions).isEmpty();
    }
  }

  @Test
  void startsOneInstanceUpFrontAndReusesIt() throws IOException {
    try (OpenAlprRecognizer recognizer = recognizer(4, Duration.ofSeconds(1), scripted("no-plates.json"))) {
      assertThat(sessions).as("started at construction").hasSize(1);
      for (int i = 0; i < 3; i++) {
        assertThat(recognizer.recognize(jpeg(), RecognitionHints.none()).plates()).isEmpty();
      }
      assertThat(sessions).as("sequential calls share one instance").hasSize(1);
    }
    assertThat(sessions.getFirst().unloaded).isTrue();
  }

  @Test
  void startUpFailureSurfacesFromTheConstructor() {
    Supplier<AlprSession> broken = () -> {
      throw new EngineUnavailableException("OpenALPR config file /nope does not exist.");
    };
    assertThatThrownBy(() -> recognizer(1, Duration.ofSeconds(1), broken))
        .isInstanceOf(EngineUnavailableException.class).hasMessageContaining("/nope");
  }

  @Test
  void boundsConcurrentCallsToTheHandleCount() throws Exception {
    CountDownLatch entered = new CountDownLatch(2);
    CountDownLatch proceed = new CountDownLatch(1);
    Supplier<AlprSession> blocking = () -> new ScriptedSession(OpenAlprResultParserTest.resource("no-plates.json")) {
      @Override
      public String recognizeJson(byte[] image, String region) {
        entered.countDown();
        await(proceed);
        return super.recognizeJson(image, region);
      }
    };
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (OpenAlprRecognizer recognizer = recognizer(2, Duration.ofMillis(100), blocking)) {
      byte[] image = jpeg();
      List<Future<RecognitionResult>> running = List.of(
          pool.submit(() -> recognizer.recognize(image, RecognitionHints.none())),
          pool.submit(() -> recognizer.recognize(image, RecognitionHints.none())));
      assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();

      assertThatThrownBy(() -> recognizer.recognize(image, RecognitionHints.none()))
          .isInstanceOf(RecognitionException.class)
          .hasMessageContaining("all 2 handles stayed busy for 100 ms");

      proceed.countDown();
      for (Future<RecognitionResult> call : running) {
        assertThat(call.get(5, TimeUnit.SECONDS).plates()).isEmpty();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void failsAfterClose() throws IOException {
    OpenAlprRecognizer recognizer = recognizer(1, Duration.ofSeconds(1), scripted("no-plates.json"));
    recognizer.close();
    recognizer.close();
    assertThatThrownBy(() -> recognizer.recognize(jpeg(), RecognitionHints.none()))
        .isInstanceOf(RecognitionException.class).hasMessage("OpenALPR engine is closed");
  }

  @Test
  void engineOutputThatCannotBeParsedIsARecognitionFailure() throws IOException {
    try (OpenAlprRecognizer recognizer = recognizer(1, Duration.ofSeconds(1), () -> track(new ScriptedSession("not json")))) {
      assertThatThrownBy(() -> recognizer.recognize(jpeg(), RecognitionHints.none()))
          .isInstanceOf(RecognitionException.class).hasMessageStartingWith("OpenALPR returned malformed JSON");
      // The instance went back to the pool: the next call gets it again.
      assertThatThrownBy(() -> recognizer.recognize(jpeg(), RecognitionHints.none())).isInstanceOf(RecognitionException.class);
      assertThat(sessions).hasSize(1);
    }
  }

  private OpenAlprRecognizer recognizer(int handles, Duration wait, Supplier<AlprSession> factory) {
    OpenAlprSettings settings = new OpenAlprSettings("eu", Path.of("/etc/openalpr/openalpr.conf"),
        Path.of("/usr/share/openalpr/runtime_data"), 10, handles, wait);
    return new OpenAlprRecognizer(factory, settings, new ImageProbe(), new PlatePostProcessor());
  }

  private Supplier<AlprSession> scripted(String resource) {
    String json = OpenAlprResultParserTest.resource(resource);
    return () -> track(new ScriptedSession(json));
  }

  private ScriptedSession track(ScriptedSession session) {
    sessions.add(session);
    return session;
  }

  private static byte[] jpeg() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB), "jpg", out);
    return out.toByteArray();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Answers every image with the same JSON and records what it was asked. */
  static class ScriptedSession implements AlprSession {
    final String json;
    final List<String> regions = new ArrayList<>();
    final AtomicInteger calls = new AtomicInteger();
    volatile boolean unloaded;

    ScriptedSession(String json) {
      this.json = json;
    }

    @Override
    public String recognizeJson(byte[] image, String region) {
      calls.incrementAndGet();
      if (region != null) {
        regions.add(region);
      }
      return json;
    }

    @Override
    public void unload() {
      unloaded = true;
    }
  }
}
