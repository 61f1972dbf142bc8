package io.corridor.platform.devices;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeviceKeysTest {

  @Test
  void generatedKeysAreUrlSafe32ByteSecretsAndDiffer() {
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      String key = DeviceKeys.generate();
      assertThat(key).hasSize(43).matches("[A-Za-z0-9_-]+");
      keys.add(key);
    }
    assertThat(keys).hasSize(200);
  }

  @Test
  void digestIsSha256OfTheUtf8Key() {
    assertThat(HexFormat.of().formatHex(DeviceKeys.digest("abc")))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(DeviceKeys.digest("ключ")).hasSize(32).isNotEqualTo(DeviceKeys.digest("kljuc"));
  }

  @Test
  void matchesOnlyTheKeyThatWasDigested() {
    String key = DeviceKeys.generate();
    byte[] stored = DeviceKeys.digest(key);
    assertThat(DeviceKeys.matches(key, stored)).isTrue();
    assertThat(DeviceKeys.matches(key + "x", stored)).isFalse();
    assertThat(DeviceKeys.matches(key.substring(1), stored)).isFalse();
    assertThat(DeviceKeys.matches("", stored)).isFalse();
    assertThat(DeviceKeys.matches(key, new byte[32])).isFalse();
    assertThat(DeviceKeys.matches(key, new byte[0])).isFalse();
  }
}
