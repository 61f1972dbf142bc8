package io.corridor.anpr.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corridor.anpr.InvalidImageException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;

class ImageProbeTest {

  private final ImageProbe probe = new ImageProbe();

  @Test
  void readsPngSize() throws IOException {
    ImageInfo info = probe.probe(encode("png", 64, 32));
    assertThat(info).isEqualTo(new ImageInfo(ImageFormat.PNG, 64, 32));
    assertThat(info.format().contentType()).isEqualTo("image/png");
  }

  @Test
  void readsBaselineJpegSizePastItsApplicationSegments() throws IOException {
    byte[] jpeg = encode("jpg", 120, 80);
    assertThat(jpeg[3] & 0xFF).as("ImageIO writes a JFIF APP0 segment before the frame header").isEqualTo(0xE0);
    assertThat(probe.probe(jpeg)).isEqualTo(new ImageInfo(ImageFormat.JPEG, 120, 80));
  }

  @Test
  void readsProgressiveJpegSize() throws IOException {
    byte[] jpeg = progressiveJpeg(333, 111);
    assertThat(sofOffset(jpeg, 0xC2)).as("progressive frame header present").isPositive();
    assertThat(probe.probe(jpeg)).isEqualTo(new ImageInfo(ImageFormat.JPEG, 333, 111));
  }

  @Test
  void rejectsEmptyInput() {
    assertThatThrownBy(() -> probe.probe(new byte[0])).isInstanceOf(InvalidImageException.class)
        .hasMessage("empty image: not a JPEG or PNG");
    assertThatThrownBy(() -> probe.probe(null)).isInstanceOf(InvalidImageException.class);
  }

  @Test
  void rejectsRandomBytes() {
    Random random = new Random(42);
    for (int i = 0; i < 200; i++) {
      byte[] bytes = new byte[1 + random.nextInt(512)];
      random.nextBytes(bytes);
      bytes[0] = (byte) (bytes[0] == (byte) 0xFF || bytes[0] == (byte) 0x89 ? 0 : bytes[0]);
      assertThatThrownBy(() -> probe.probe(bytes)).isInstanceOf(InvalidImageException.class)
          .hasMessageStartingWith("not a JPEG or PNG");
    }
  }

  @Test
  void namesOtherImageFormats() throws IOException {
    assertThatThrownBy(() -> probe.probe(encode("gif", 10, 10)))
        .hasMessage("not a JPEG or PNG (looks like GIF)");
    assertThatThrownBy(() -> probe.probe(encode("bmp", 10, 10)))
        .hasMessage("not a JPEG or PNG (looks like BMP)");
  }

  @Test
  void rejectsTruncatedPngHeader() throws IOException {
    byte[] png = Arrays.copyOf(encode("png", 64, 32), 20);
    assertThatThrownBy(() -> probe.probe(png)).isInstanceOf(InvalidImageException.class)
        .hasMessage("truncated PNG header: 20 bytes, need at least 33");
  }

  @Test
  void rejectsTruncatedJpegHeader() throws IOException {
    byte[] jpeg = encode("jpg", 120, 80);
    byte[] cut = Arrays.copyOf(jpeg, sofOffset(jpeg, 0xC0) + 3);
    assertThatThrownBy(() -> probe.probe(cut)).isInstanceOf(InvalidImageException.class)
        .hasMessageStartingWith("truncated JPEG header");
    assertThatThrownBy(() -> probe.probe(new byte[] {(byte) 0xFF, (byte) 0xD8}))
        .hasMessageStartingWith("truncated JPEG header");
  }

  @Test
  void everyPrefixOfARealImageIsEitherReadCorrectlyOrRejectedCleanly() throws IOException {
    // No prefix may crash the probe (index out of bounds) or report a wrong size.
    for (byte[] image : new byte[][] {encode("png", 40, 30), encode("jpg", 40, 30)}) {
      for (int n = 1; n < Math.min(image.length, 700); n++) {
        byte[] prefix = Arrays.copyOf(image, n);
        try {
          ImageInfo info = probe.probe(prefix);
          assertThat(info.width()).isEqualTo(40);
          assertThat(info.height()).isEqualTo(30);
        } catch (InvalidImageException expected) {
          // Under 4 bytes there is not enough to tell a truncated image from another format.
          assertThat(expected.getMessage()).containsAnyOf(n < 4 ? "not a JPEG or PNG" : "truncated", "truncated", "corrupt");
        }
      }
    }
  }

  @Test
  void randomBytesBehindAJpegMarkerAreRejectedCleanly() {
    Random random = new Random(7);
    for (int i = 0; i < 500; i++) {
      byte[] bytes = new byte[4 + random.nextInt(64)];
      random.nextBytes(bytes);
      bytes[0] = (byte) 0xFF;
      bytes[1] = (byte) 0xD8;
      try {
        probe.probe(bytes);
      } catch (InvalidImageException expected) {
        // fine: what matters is that nothing else escapes
      }
    }
  }

  @Test
  void rejectsOversizePngFromItsHeaderAlone() throws IOException {
    byte[] png = pngWithSize(encode("png", 8, 8), 20000, 20000);
    assertThatThrownBy(() -> probe.probe(png)).isInstanceOf(InvalidImageException.class)
        .hasMessage("image 20000x20000 exceeds 16 megapixels");
  }

  @Test
  void rejectsOversizeJpegAndAcceptsOneAtTheLimit() throws IOException {
    byte[] jpeg = encode("jpg", 16, 16);
    int sof = sofOffset(jpeg, 0xC0);
    setUint16(jpeg, sof + 5, 5000); // height
    setUint16(jpeg, sof + 7, 4000); // width
    assertThatThrownBy(() -> probe.probe(jpeg)).hasMessage("image 4000x5000 exceeds 16 megapixels");
    setUint16(jpeg, sof + 5, 4000);
    assertThat(probe.probe(jpeg).pixels()).isEqualTo(16_000_000L);
  }

  @Test
  void namesAFractionalLimit() throws IOException {
    ImageProbe small = new ImageProbe(12_500_000);
    assertThatThrownBy(() -> small.probe(pngWithSize(encode("png", 8, 8), 5000, 5000)))
        .hasMessage("image 5000x5000 exceeds 12.50 megapixels");
  }

  @Test
  void rejectsPngWhoseHeaderChecksumIsWrong() throws IOException {
    byte[] png = encode("png", 64, 32);
    png[19] = 65; // width 64 -> 65 without fixing the CRC
    assertThatThrownBy(() -> probe.probe(png)).hasMessage("corrupt PNG header: IHDR checksum mismatch");
  }

  @Test
  void rejectsPngMangledByTextModeTransfer() throws IOException {
    byte[] png = encode("png", 64, 32);
    png[4] = '\n'; // CRLF turned into LF shifts everything; the signature catches it
    assertThatThrownBy(() -> probe.probe(png)).hasMessage("corrupt PNG signature at byte 4");
  }

  @Test
  void rejectsEmptyDimensions() throws IOException {
    assertThatThrownBy(() -> probe.probe(pngWithSize(encode("png", 8, 8), 0, 64)))
        .hasMessage("PNG declares an empty image 0x64");
  }

  @Test
  void rejectsJpegWithoutFrameHeaderBeforeScan() {
    byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xDA, 0, 2, 1, 2, 3};
    assertThatThrownBy(() -> probe.probe(jpeg)).hasMessage("corrupt JPEG: no frame header (SOF) before scan data");
  }

  @Test
  void rejectsNonPositiveLimit() {
    assertThatThrownBy(() -> new ImageProbe(0)).isInstanceOf(IllegalArgumentException.class);
  }

  static byte[] encode(String format, int width, int height) throws IOException {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    image.setRGB(width / 2, height / 2, 0xFFFFFF);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(ImageIO.write(image, format, out)).as("ImageIO can write " + format).isTrue();
    return out.toByteArray();
  }

  private static byte[] progressiveJpeg(int width, int height) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ImageWriteParam param = writer.getDefaultWriteParam();
    param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(stream);
      writer.write(null, new IIOImage(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), null, null), param);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }

  /** Offset of the FF byte of the first {@code marker} segment. */
  private static int sofOffset(byte[] jpeg, int marker) {
    for (int i = 2; i + 1 < jpeg.length; i++) {
      if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == marker) {
        return i;
      }
    }
    return -1;
  }

  private static byte[] pngWithSize(byte[] png, int width, int height) {
    byte[] copy = png.clone();
    setInt32(copy, 16, width);
    setInt32(copy, 20, height);
    CRC32 crc = new CRC32();
    crc.update(copy, 12, 17);
    setInt32(copy, 29, (int) crc.getValue());
    return copy;
  }

  private static void setInt32(byte[] b, int at, int value) {
    b[at] = (byte) (value >>> 24);
    b[at + 1] = (byte) (value >>> 16);
    b[at + 2] = (byte) (value >>> 8);
    b[at + 3] = (byte) value;
  }

  private static void setUint16(byte[] b, int at, int value) {
    b[at] = (byte) (value >>> 8);
    b[at + 1] = (byte) value;
  }
}
