package io.corridor.anpr.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.anpr.Box;
import io.corridor.anpr.glyph.GlyphAlphabet;
import io.corridor.anpr.glyph.GlyphClassifier;
import io.corridor.testkit.PlateImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PlateGlyphExtractorTest {

  private final PlateGlyphExtractor extractor =
      new PlateGlyphExtractor(new GlyphClassifier(GlyphClassifier.network(GlyphClassifier.SYNTHETIC_RESOURCE)));

  @Test
  void aPlateInAPhotoGivesOneLabelledImagePerCharacterInOrder() {
    byte[] photo = PlateImages.plate("AB123CD", 170, 200, 300, 46);
    PlateGlyphExtractor.Extraction e = extractor.extract(photo, new Box(170, 200, 300, 46), "AB123CD");
    assertThat(e.aligned()).isTrue();
    assertThat(e.trimmed()).isZero();
    // One or two cuts of the row, each the seven characters in the label's order.
    assertThat(e.samples().size() % 7).isZero();
    assertThat(e.samples()).isNotEmpty();
    for (int i = 0; i < e.samples().size(); i++) {
      assertThat(e.samples().get(i).label()).isEqualTo(GlyphAlphabet.CHARACTERS.indexOf("AB123CD".charAt(i % 7)));
      assertThat(e.samples().get(i).input()).hasSize(32 * 24);
    }
  }

  @Test
  void aCroppedPlateIsCutAsTheEngineMeetsItInAFrame() throws IOException {
    byte[] crop = crop(PlateImages.plate("KT482BG", 170, 200, 300, 46), 160, 190, 320, 66);
    PlateGlyphExtractor.Extraction e = extractor.extract(crop, null, "KT482BG");
    assertThat(e.aligned()).isTrue();
    assertThat(e.samples()).extracting(PlateGlyphExtractor.Sample::label).startsWith(
        GlyphAlphabet.CHARACTERS.indexOf('K'), GlyphAlphabet.CHARACTERS.indexOf('T'), GlyphAlphabet.CHARACTERS.indexOf('4'));
  }

  @Test
  void aLabelThatDoesNotFitTheCutGivesNothing() {
    byte[] photo = PlateImages.plate("AB123CD", 170, 200, 300, 46);
    assertThat(extractor.extract(photo, new Box(170, 200, 300, 46), "AB1").aligned()).as("four pieces too many").isFalse();
    assertThat(extractor.extract(photo, new Box(170, 200, 300, 46), "AB123CDEFG").samples()).as("more characters than pieces").isEmpty();
    assertThat(extractor.extract(photo, new Box(0, 0, 100, 100), "AB123CD").aligned()).as("no row in the box").isFalse();
  }

  @Test
  void extraPiecesAtTheEndsAreRejectSamples() {
    // "AB123CD" cut, labelled as if only "B123CD" were the plate: the A is a piece at the start,
    // placed by the aligning network, and becomes a reject sample.
    byte[] photo = PlateImages.plate("AB123CD", 170, 200, 300, 46);
    PlateGlyphExtractor.Extraction e = extractor.extract(photo, new Box(170, 200, 300, 46), "B123CD");
    assertThat(e.aligned()).isTrue();
    assertThat(e.trimmed()).isEqualTo(1);
    assertThat(e.samples().getFirst().label()).isEqualTo(GlyphAlphabet.REJECT);
    assertThat(e.samples().get(1).label()).isEqualTo(GlyphAlphabet.CHARACTERS.indexOf('B'));
  }

  static byte[] crop(byte[] png, int x, int y, int w, int h) throws IOException {
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img.getSubimage(x, y, w, h), "png", out);
    return out.toByteArray();
  }
}
