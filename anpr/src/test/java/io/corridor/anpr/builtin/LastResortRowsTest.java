package io.corridor.anpr.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.anpr.Box;
import io.corridor.anpr.image.ImageProbe;
import io.corridor.testkit.PlateImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import javax.imageio.ImageIO;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LastResortRowsTest {

  static final Box PLATE = new Box(170, 200, 300, 46);

  @BeforeAll
  static void natives() {
    BuiltinRecognizer.loadNatives();
  }

  /** The test plate with its grey levels squeezed into {@code low..low+span}: a plate in deep shade. */
  static byte[] faded(int low, int span) throws Exception {
    return faded(low, span, 0);
  }

  /** As {@link #faded(int, int)}, with sensor noise of standard deviation {@code noise} grey levels (seeded). */
  static byte[] faded(int low, int span, double noise) throws Exception {
    java.util.Random random = new java.util.Random(7);
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(PlateImages.plate("AB123CD", PLATE.x(), PLATE.y(), PLATE.width(), PLATE.height())));
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int v = (img.getRGB(x, y) >> 8) & 0xff;
        int g = Math.clamp(Math.round(low + v * span / 255.0 + random.nextGaussian() * noise), 0, 255);
        img.setRGB(x, y, (g << 16) | (g << 8) | g);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }

  private static boolean coversPlate(List<CharBand> bands) {
    return bands.stream().anyMatch(b -> b.glyphs().size() == 7
        && new Box(b.left(), b.glyphs().getFirst().y(), b.right() - b.left(), (int) b.meanHeight()).overlapOfSmaller(PLATE) > 0.9);
  }

  @Test
  void aFadedPlateGivesNoRowToTheUsualPassesButOneToTheFallback() throws Exception {
    // 9 grey levels between ink and plate, sensor noise of 2: below both thresholds' offsets.
    byte[] png = faded(60, 9, 2.0);
    try (PointerScope scope = new PointerScope()) {
      Mat gray = BuiltinRecognizer.decode(png, new ImageProbe().probe(png));
      byte[] pixels = BuiltinRecognizer.pixels(gray);
      List<CharBand> usual = BuiltinRecognizer.findBands(gray, pixels);
      assertThat(coversPlate(usual)).as("both threshold sizes, both polarities").isFalse();
      Mat normalised = LocalContrast.normalised(gray);
      assertThat(coversPlate(LastResortRows.find(gray, normalised, BuiltinRecognizer.pixels(normalised), usual))).isTrue();
    }
    try (BuiltinRecognizer engine = BuiltinRecognizer.open()) {
      var plates = engine.recognize(png, io.corridor.anpr.RecognitionHints.none()).plates();
      assertThat(plates).isNotEmpty();
      assertThat(plates.getFirst().text()).isEqualTo("AB123CD");
      assertThat(Box.around(plates.getFirst().corners()).iou(PLATE)).isGreaterThan(0.5);
    }
  }


  @Test
  void aRowKnownWithAsManyPiecesIsNotTriedAgainAndAtMostFourAreTried() throws Exception {
    byte[] png = faded(60, 9, 2.0);
    try (PointerScope scope = new PointerScope()) {
      Mat gray = BuiltinRecognizer.decode(png, new ImageProbe().probe(png));
      Mat normalised = LocalContrast.normalised(gray);
      byte[] pixels = BuiltinRecognizer.pixels(normalised);
      List<CharBand> first = LastResortRows.find(gray, normalised, pixels, List.of());
      assertThat(first).hasSizeLessThanOrEqualTo(LastResortRows.ROWS);
      assertThat(coversPlate(first)).isTrue();
      assertThat(coversPlate(LastResortRows.find(gray, normalised, pixels, first))).as("known already").isFalse();
    }
  }
}
