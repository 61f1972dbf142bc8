package io.corridor.platform.devices;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** Device keys: random secrets, stored only as SHA-256 digests and compared in constant time. */
public final class DeviceKeys {

  private static final SecureRandom RANDOM = new SecureRandom();

  private DeviceKeys() {}

  /** A new random key (32 bytes, URL-safe base64). */
  public static String generate() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The digest stored for {@code key}. */
  public static byte[] digest(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  /** Whether {@code presented} hashes to {@code storedDigest}, in constant time. */
  public static boolean matches(String presented, byte[] storedDigest) {
    return MessageDigest.isEqual(digest(presented), storedDigest);
  }
}
