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

  static final Box TIGHT = new Box(90, 100, 140, 34);

  /**
   * A small plate whose characters (18 px type, about 13 px high) stand one pixel apart, slightly
   * blurred (sigma 0.7 px): the grey between neighbours is dark enough for the usual thresholds to
   * join them into one component, as on distant photos with tight type.
   */
  static byte[] tightlySet(String text) throws Exception {
    BufferedImage img = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
    java.awt.Graphics2D g = img.createGraphics();
    g.setRenderingHint(java.awt.RenderingHints.KEY_TEXT_ANTIALIASING, java.awt.RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(new java.awt.Color(110, 110, 110));
    g.fillRect(0, 0, 320, 240);
    g.setColor(new java.awt.Color(200, 200, 200));
    g.fillRect(TIGHT.x(), TIGHT.y(), TIGHT.width(), TIGHT.height());
    g.setColor(java.awt.Color.BLACK);
    g.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 18));
    int x = 100;
    for (char c : text.toCharArray()) {
      String s = String.valueOf(c);
      java.awt.geom.Rectangle2D r = g.getFont().createGlyphVector(g.getFontRenderContext(), s).getVisualBounds();
      g.drawString(s, (float) (x - r.getX()), 126f);
      x += (int) Math.ceil(r.getWidth()) + 1;
    }
    g.dispose();
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    ImageIO.write(img, "png", raw);
    byte[] png = raw.toByteArray();
    try (PointerScope scope = new PointerScope()) {
      Mat gray = BuiltinRecognizer.decode(png, new ImageProbe().probe(png));
      Mat blurred = new Mat();
      org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur(gray, blurred, new org.bytedeco.opencv.opencv_core.Size(0, 0), 0.7);
      org.bytedeco.javacpp.BytePointer encoded = new org.bytedeco.javacpp.BytePointer();
      org.bytedeco.opencv.global.opencv_imgcodecs.imencode(".png", blurred, encoded);
      byte[] out = new byte[(int) encoded.limit()];
      encoded.get(out);
      return out;
    }
  }

  private static boolean coversTight(List<CharBand> bands) {
    return bands.stream().anyMatch(b -> b.glyphs().size() == 7
        && new Box(b.left(), b.glyphs().getFirst().y(), b.right() - b.left(), (int) b.meanHeight()).overlapOfSmaller(TIGHT) > 0.9);
  }

  @Test
  void charactersBlurredTogetherStandApartOnlyAtTheSeparatingThreshold() throws Exception {
    byte[] png = tightlySet("AB123CD");
    try (PointerScope scope = new PointerScope()) {
      Mat gray = BuiltinRecognizer.decode(png, new ImageProbe().probe(png));
      byte[] pixels = BuiltinRecognizer.pixels(gray);
      Binaries binaries = new Binaries();
      assertThat(coversTight(BuiltinRecognizer.findBands(gray, pixels, 0, 2, false, Integer.MAX_VALUE, binaries)))
          .as("both threshold sizes, both polarities").isFalse();
      assertThat(coversTight(BuiltinRecognizer.findBands(gray, pixels, 0, 2, true, LastResortRows.FRAME_RUN_VERTICAL, binaries)))
          .as("frames cut").isFalse();
      assertThat(coversTight(LastResortRows.separated(gray, pixels, binaries))).isTrue();
      Mat normalised = LocalContrast.normalised(gray);
      assertThat(coversTight(LastResortRows.find(gray, normalised, BuiltinRecognizer.pixels(normalised), List.of(), binaries))).isTrue();
    }
    try (BuiltinRecognizer engine = BuiltinRecognizer.open()) {
      var plates = engine.recognize(png, io.corridor.anpr.RecognitionHints.none()).plates();
      assertThat(plates).isNotEmpty();
      assertThat(Box.around(plates.getFirst().corners()).iou(TIGHT)).isGreaterThan(0.5);
      assertThat(plates.getFirst().text()).isEqualTo("AB123CD");
    }
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
