package io.corridor.anpr.builtin;

import io.corridor.anpr.Box;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corridor.testkit.PlateImages;

import io.corridor.anpr.EngineSettings;
import io.corridor.anpr.InvalidImageException;
import io.corridor.anpr.PlateCandidate;
import io.corridor.anpr.PlateRecognizer;
import io.corridor.anpr.RecognitionException;
import io.corridor.anpr.RecognitionHints;
import io.corridor.anpr.RecognitionResult;
import io.corridor.anpr.RecognizerRegistry;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BuiltinRecognizerTest {

  private static PlateRecognizer recognizer;

  @BeforeAll
  static void start() {
    recognizer = RecognizerRegistry.standard().create("builtin", EngineSettings.defaults());
  }

  @AfterAll
  static void stop() {
    if (recognizer != null) {
      recognizer.close();
    }
  }

  /** Black text on a white plate on a grey background, the plate at (x, y, w, h). */
  static byte[] syntheticPlate(String text, int x, int y, int w, int h) {
    return PlateImages.plate(text, x, y, w, h);
  }

  @Test
  void findsAndReadsASyntheticPlate() throws IOException {
    byte[] png = syntheticPlate("AB123CD", 170, 200, 300, 46);
    RecognitionResult result = recognizer.recognize(png, RecognitionHints.none());
    assertThat(result.imageWidth()).isEqualTo(640);
    assertThat(result.plates()).isNotEmpty();
    var best = result.plates().getFirst();
    assertThat(best.candidates().stream().limit(5).map(PlateCandidate::text)).contains("AB123CD");
    assertThat(best.text()).isEqualTo("AB123CD");
    // Read right, with both readers agreeing on a row the verifier takes for a plate: it is stored.
    assertThat(new io.corridor.anpr.plate.PlausibleRead(io.corridor.anpr.plate.PlateFormats.standard(),
        io.corridor.anpr.plate.PlausibleRead.DEFAULT_MIN_CONFIDENCE, 0.6).keep(best.text(), best.confidence(), false))
        .as("stored at %.2f", best.confidence()).isTrue();
    assertThat(best.country()).as("Albanian and Serbian plates share this shape: no hint, no country").isNull();
    assertThat(recognizer.recognize(png, RecognitionHints.forCountry("AL")).plates().getFirst().country()).isEqualTo("AL");
    assertThat(Box.around(best.corners()).iou(new Box(170, 200, 300, 46))).isGreaterThan(0.5);
  }

  @Test
  void readsASmallBlurredPlate() throws IOException {
    // The same plate shrunk to 40 %: characters about 12 px high, as on a distant car.
    BufferedImage full = ImageIO.read(new java.io.ByteArrayInputStream(syntheticPlate("BG482KT", 170, 200, 300, 46)));
    BufferedImage small = new BufferedImage(256, 192, BufferedImage.TYPE_INT_RGB);
    java.awt.Graphics2D g = small.createGraphics();
    g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(full, 0, 0, 256, 192, null);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(small, "jpg", out);
    RecognitionResult result = recognizer.recognize(out.toByteArray(), RecognitionHints.forCountry("RS"));
    assertThat(result.plates()).isNotEmpty();
    assertThat(result.plates().getFirst().text()).isEqualTo("BG482KT");
    assertThat(result.plates().getFirst().formatId()).isEqualTo("RS");
  }

  @Test
  void aBlankImageHasNoPlates() throws IOException {
    BufferedImage img = new BufferedImage(320, 240, BufferedImage.TYPE_BYTE_GRAY);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    assertThat(recognizer.recognize(out.toByteArray(), RecognitionHints.none()).plates()).isEmpty();
  }

  @Test
  void corruptImagesAreInvalid() throws IOException {
    assertThatThrownBy(() -> recognizer.recognize("not an image".getBytes(), RecognitionHints.none()))
        .isInstanceOf(InvalidImageException.class);
    byte[] png = syntheticPlate("AB123CD", 170, 200, 300, 46);
    byte[] truncated = Arrays.copyOf(png, 40); // header intact, pixel data gone
    assertThatThrownBy(() -> recognizer.recognize(truncated, RecognitionHints.none()))
        .isInstanceOf(InvalidImageException.class);
  }

  @Test
  void aWorkerThreadCanRecogniseAgainAndAgain() throws Exception {
    // Native memory made on a worker thread is released per call, never a later call's.
    java.util.concurrent.ExecutorService worker = java.util.concurrent.Executors.newSingleThreadExecutor();
    try {
      for (int i = 0; i < 3; i++) {
        RecognitionResult result = worker.submit(() ->
            recognizer.recognize(syntheticPlate("AB123CD", 170, 200, 300, 46), RecognitionHints.none())).get();
        assertThat(result.plates()).extracting(p -> p.text()).containsExactly("AB123CD");
      }
    } finally {
      worker.shutdownNow();
    }
  }

  @Test
  void theRowVerifierSeesEveryRowAndDropsTheRowsItJudgesNoPlate() {
    byte[] png = syntheticPlate("AB123CD", 170, 200, 300, 46);
    java.util.List<double[]> seen = new java.util.ArrayList<>();
    java.util.List<String> texts = new java.util.ArrayList<>();
    try (BuiltinRecognizer all = BuiltinRecognizer.open(io.corridor.anpr.glyph.GlyphClassifier.shipped(),
        RowVerifier.ACCEPT_ALL, (features, corners, text) -> {
          seen.add(features);
          texts.add(text);
        })) {
      assertThat(all.recognize(png, RecognitionHints.none()).plates()).extracting(p -> p.text()).contains("AB123CD");
    }
    assertThat(texts).contains("AB123CD");
    assertThat(seen).allSatisfy(f -> assertThat(f).hasSize(RowFeatures.NAMES.size()));
    // A verifier that has only ever seen rows that were no plate drops every row.
    RowVerifier never = RowVerifier.fit(seen, seen.stream().map(f -> false).toList(), 200, 1e-3);
    try (BuiltinRecognizer none = BuiltinRecognizer.open(io.corridor.anpr.glyph.GlyphClassifier.shipped(), never, null)) {
      assertThat(none.recognize(png, RecognitionHints.none()).plates()).isEmpty();
    }
  }

  @Test
  void theStripReaderTakingOverWhenSureReadsWhatItReads() {
    // A clean rendered row: the strip reader is sure of it, so in TAKEOVER its own text is ranked too.
    byte[] png = syntheticPlate("AB123CD", 170, 200, 300, 46);
    try (BuiltinRecognizer takeover = BuiltinRecognizer.open(io.corridor.anpr.glyph.GlyphClassifier.shipped(), RowVerifier.ACCEPT_ALL, null)
        .withStrip(io.corridor.anpr.strip.StripReader.shipped(), StripMode.TAKEOVER)) {
      var plates = takeover.recognize(png, RecognitionHints.none()).plates();
      assertThat(plates).isNotEmpty();
      assertThat(plates.getFirst().text()).isEqualTo("AB123CD");
    }
  }

  @Test
  void aClosedRecognizerRefusesWork() throws IOException {
    PlateRecognizer own = BuiltinRecognizer.open();
    own.close();
    own.close();
    byte[] png = syntheticPlate("AB123CD", 170, 200, 300, 46);
    assertThatThrownBy(() -> own.recognize(png, RecognitionHints.none())).isInstanceOf(RecognitionException.class);
  }
}
