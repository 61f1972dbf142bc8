package io.corridor.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PlateProtectorTest {

  static byte[] key(int b) {
    byte[] k = new byte[32];
    Arrays.fill(k, (byte) b);
    return k;
  }

  private final PlateProtector protector = new PlateProtector(key(1), key(2));

  @Test
  void hashIsStableAndKeyed() {
    assertThat(protector.hash("01234AB")).isEqualTo(protector.hash("01234AB")).hasSize(32);
    assertThat(protector.hash("01234AB")).isNotEqualTo(protector.hash("01234AC"));
    assertThat(new PlateProtector(key(9), key(2)).hash("01234AB")).isNotEqualTo(protector.hash("01234AB"));
  }

  @Test
  void encryptionRoundTripsWithFreshNonceAndNoClearText() {
    byte[] a = protector.encrypt("BG123AB");
    byte[] b = protector.encrypt("BG123AB");
    assertThat(a).isNotEqualTo(b);
    assertThat(new String(a, StandardCharsets.ISO_8859_1)).doesNotContain("BG123AB");
    assertThat(protector.decrypt(a)).isEqualTo("BG123AB");
    assertThat(protector.decrypt(b)).isEqualTo("BG123AB");
  }

  @Test
  void tamperedOrForeignCiphertextIsRejected() {
    byte[] sealed = protector.encrypt("SK1234AB");
    sealed[sealed.length - 1] ^= 1;
    assertThatThrownBy(() -> protector.decrypt(sealed)).isInstanceOf(IllegalArgumentException.class);
    byte[] other = new PlateProtector(key(1), key(3)).encrypt("SK1234AB");
    assertThatThrownBy(() -> protector.decrypt(other)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void bytesRoundTripOnlyUnderTheirOwnContext() {
    byte[] image = new byte[5000];
    new java.util.Random(7).nextBytes(image);
    byte[] sealed = protector.encryptBytes(image, "evidence-frame|cam-1|f-1");
    assertThat(sealed).isNotEqualTo(image).hasSize(image.length + 1 + 12 + 16);
    assertThat(protector.decryptBytes(sealed, "evidence-frame|cam-1|f-1")).isEqualTo(image);
    assertThatThrownBy(() -> protector.decryptBytes(sealed, "evidence-frame|cam-1|f-2"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not authenticate");
    assertThatThrownBy(() -> protector.decrypt(sealed)).isInstanceOf(IllegalArgumentException.class);
  }
}
