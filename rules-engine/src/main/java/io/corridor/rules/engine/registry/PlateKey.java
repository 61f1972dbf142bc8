package io.corridor.rules.engine.registry;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A plate blind index as a map key, without turning it into text on every read: its hash code is
 * taken from the first bytes (an HMAC is uniformly distributed), equality compares all 32.
 */
public final class PlateKey {

  private final byte[] hash;
  private final int hashCode;

  private PlateKey(byte[] hash) {
    this.hash = hash;
    this.hashCode = hash.length >= 4
        ? (hash[0] & 0xff) << 24 | (hash[1] & 0xff) << 16 | (hash[2] & 0xff) << 8 | (hash[3] & 0xff)
        : Arrays.hashCode(hash);
  }

  /** The key of a blind index (not copied: callers hand over arrays they no longer change). */
  public static PlateKey of(byte[] hash) {
    return new PlateKey(hash);
  }

  /** The key of a blind index written in hex. */
  public static PlateKey ofHex(String hex) {
    return new PlateKey(HexFormat.of().parseHex(hex));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PlateKey k && k.hashCode == hashCode && Arrays.equals(k.hash, hash);
  }

  @Override
  public int hashCode() {
    return hashCode;
  }

  @Override
  public String toString() {
    return HexFormat.of().formatHex(hash);
  }
}
