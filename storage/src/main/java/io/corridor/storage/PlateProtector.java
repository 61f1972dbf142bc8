package io.corridor.storage;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keeps plate text out of the read tables: a keyed HMAC-SHA256 blind index for exact look-up, and
 * AES-256-GCM ciphertext decrypted only for authorised results. Evidence frames are encrypted with
 * the same key and layout ({@link #encryptBytes}). Thread-safe.
 *
 * <p>Ciphertext layout: version byte {@code 1}, 12-byte random nonce, GCM ciphertext with tag. The
 * version byte leaves room for key rotation.
 */
public final class PlateProtector {

  private static final byte VERSION = 1;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec hashKey;
  private final SecretKeySpec encryptionKey;
  private final SecureRandom random = new SecureRandom();
  private final ThreadLocal<Mac> macs;
  private final ThreadLocal<Cipher> ciphers;

  /** Both keys must be 32 bytes. */
  public PlateProtector(byte[] hashKey, byte[] encryptionKey) {
    if (hashKey.length != 32 || encryptionKey.length != 32) {
      throw new IllegalArgumentException("plate keys must be 32 bytes");
    }
    this.hashKey = new SecretKeySpec(hashKey.clone(), "HmacSHA256");
    this.encryptionKey = new SecretKeySpec(encryptionKey.clone(), "AES");
    this.macs = ThreadLocal.withInitial(this::newMac);
    this.ciphers = ThreadLocal.withInitial(PlateProtector::newCipher);
  }

  /** The blind index of a normalised plate: the same plate always gives the same 32 bytes. */
  public byte[] hash(String plate) {
    Mac mac = macs.get();
    return mac.doFinal(plate.getBytes(StandardCharsets.UTF_8));
  }

  /** Encrypts a plate with a fresh nonce. */
  public byte[] encrypt(String plate) {
    return seal(plate.getBytes(StandardCharsets.UTF_8), null);
  }

  /**
   * Decrypts what {@link #encrypt} produced.
   *
   * @throws IllegalArgumentException when the ciphertext was altered or made with another key
   */
  public String decrypt(byte[] ciphertext) {
    return new String(open(ciphertext, null, "plate"), StandardCharsets.UTF_8);
  }

  /**
   * Encrypts arbitrary bytes (an evidence image) in the same layout as plates, with a fresh nonce.
   * {@code context} (for example the camera and frame id) is authenticated but not stored: the
   * ciphertext only decrypts with the same context, so it cannot be moved to another row.
   */
  public byte[] encryptBytes(byte[] data, String context) {
    return seal(data, context.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Decrypts what {@link #encryptBytes} produced under the same {@code context}.
   *
   * @throws IllegalArgumentException when the ciphertext was altered, made with another key or
   *     belongs to another context
   */
  public byte[] decryptBytes(byte[] ciphertext, String context) {
    return open(ciphertext, context.getBytes(StandardCharsets.UTF_8), "data");
  }

  private byte[] seal(byte[] plain, byte[] associatedData) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = ciphers.get();
      cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, nonce));
      if (associatedData != null) {
        cipher.updateAAD(associatedData);
      }
      byte[] sealed = cipher.doFinal(plain);
      return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(VERSION).put(nonce).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption failed", e);
    }
  }

  private byte[] open(byte[] ciphertext, byte[] associatedData, String what) {
    if (ciphertext.length < 1 + NONCE_BYTES + TAG_BITS / 8 || ciphertext[0] != VERSION) {
      throw new IllegalArgumentException("not a version-1 " + what + " ciphertext");
    }
    try {
      Cipher cipher = ciphers.get();
      cipher.init(Cipher.DECRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, ciphertext, 1, NONCE_BYTES));
      if (associatedData != null) {
        cipher.updateAAD(associatedData);
      }
      return cipher.doFinal(ciphertext, 1 + NONCE_BYTES, ciphertext.length - 1 - NONCE_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(what + " ciphertext does not authenticate", e);
    }
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(hashKey);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  private static Cipher newCipher() {
    try {
      return Cipher.getInstance("AES/GCM/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/GCM unavailable", e);
    }
  }
}
