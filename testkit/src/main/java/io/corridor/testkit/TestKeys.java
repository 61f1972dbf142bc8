package io.corridor.testkit;

import java.util.Base64;
import java.util.Map;

/** Fixed plate-protection and token keys for tests only. */
public final class TestKeys {

  /** Base64 of 32 bytes 0x01. */
  public static final String PLATE_HASH_KEY = Base64.getEncoder().encodeToString(filled((byte) 1));
  /** Base64 of 32 bytes 0x02. */
  public static final String PLATE_ENCRYPTION_KEY = Base64.getEncoder().encodeToString(filled((byte) 2));
  /** HS256 secret for test tokens. */
  public static final String JWT_SECRET = "test-only-jwt-secret-with-at-least-32-bytes!";

  private TestKeys() {}

  /** The keys as configuration values. */
  public static Map<String, String> settings() {
    return Map.of(
        "privacy.plate-hash-key", PLATE_HASH_KEY,
        "privacy.plate-encryption-key", PLATE_ENCRYPTION_KEY,
        "api.jwt-secret", JWT_SECRET);
  }

  private static byte[] filled(byte value) {
    byte[] bytes = new byte[32];
    java.util.Arrays.fill(bytes, value);
    return bytes;
  }
}
