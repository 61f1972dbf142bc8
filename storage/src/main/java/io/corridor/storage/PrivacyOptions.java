package io.corridor.storage;

import io.corridor.config.ConfigException;
import io.corridor.config.ConfigKey;
import io.corridor.config.Settings;
import java.util.Base64;
import java.util.List;

/**
 * Keys that protect plate text. They come from configuration (a secret store in production), never
 * from the repository; the demo generates its own and says so.
 */
public final class PrivacyOptions {

  /** HMAC-SHA256 key for the plate blind index (32 bytes, base64). */
  public static final ConfigKey PLATE_HASH_KEY = new ConfigKey("privacy.plate-hash-key", null,
      "Base64 of 32 random bytes: HMAC key of the plate blind index (required; keep in a secret store)");
  /** AES-256-GCM key for plate text (32 bytes, base64). */
  public static final ConfigKey PLATE_ENCRYPTION_KEY = new ConfigKey("privacy.plate-encryption-key", null,
      "Base64 of 32 random bytes: AES-256-GCM key for plate text (required; keep in a secret store)");

  /** Every key declared here. */
  public static final List<ConfigKey> KEYS = List.of(PLATE_HASH_KEY, PLATE_ENCRYPTION_KEY);

  private final byte[] hashKey;
  private final byte[] encryptionKey;

  /** Reads and validates both keys. */
  public PrivacyOptions(Settings settings) {
    this.hashKey = key(settings, PLATE_HASH_KEY);
    this.encryptionKey = key(settings, PLATE_ENCRYPTION_KEY);
  }

  private static byte[] key(Settings settings, ConfigKey key) {
    String value = settings.require(key);
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key, "<redacted>", "must be base64");
    }
    if (bytes.length != 32) {
      throw new ConfigException(key, "<redacted>", "must decode to 32 bytes, got " + bytes.length);
    }
    return bytes;
  }

  /** A {@link PlateProtector} over these keys. */
  public PlateProtector protector() {
    return new PlateProtector(hashKey, encryptionKey);
  }
}
