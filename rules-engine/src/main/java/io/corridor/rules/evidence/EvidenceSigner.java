package io.corridor.rules.evidence;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * Signs evidence manifests with the node's Ed25519 evidence key (JDK only). The public key goes
 * into each package; its SHA-256 is the key id a court compares with the key the force publishes.
 */
public final class EvidenceSigner {

  /** The signature algorithm, as named in manifests. */
  public static final String ALGORITHM = "Ed25519";

  private final PrivateKey privateKey;
  private final PublicKey publicKey;

  private EvidenceSigner(PrivateKey privateKey, PublicKey publicKey) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
  }

  /**
   * A signer over a base64 PKCS#8 Ed25519 private key (as {@code openssl genpkey -algorithm
   * ed25519 -outform DER | base64} writes it).
   *
   * @throws IllegalArgumentException when it is not one
   */
  public static EvidenceSigner fromPkcs8(String base64) {
    try {
      KeyFactory factory = KeyFactory.getInstance(ALGORITHM);
      PrivateKey key = factory.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64.trim())));
      return new EvidenceSigner(key, publicOf(factory, key));
    } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
      throw new IllegalArgumentException("not a base64 PKCS#8 Ed25519 private key: " + e.getMessage(), e);
    }
  }

  /** A signer with a new random key (the demo, and nodes without a configured key). */
  public static EvidenceSigner generate() {
    try {
      KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
      return new EvidenceSigner(pair.getPrivate(), pair.getPublic());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 unavailable", e);
    }
  }

  /** A new private key in the form {@link #fromPkcs8} reads. */
  public static String newPkcs8Key() {
    return Base64.getEncoder().encodeToString(generate().privateKey.getEncoded());
  }

  // PKCS#8 Ed25519 keys usually carry no public key, and the JDK derives one only inside its key
  // pair generator, which draws the 32 private bytes from the random source: feeding it the stored
  // bytes yields the matching public key.
  private static PublicKey publicOf(KeyFactory factory, PrivateKey key) throws GeneralSecurityException {
    byte[] seed = ((EdECPrivateKey) key).getBytes().orElseThrow(() -> new GeneralSecurityException("no key bytes"));
    KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
    generator.initialize(NamedParameterSpec.ED25519, new FixedRandom(seed));
    PublicKey derived = generator.generateKeyPair().getPublic();
    EdECPoint point = ((java.security.interfaces.EdECPublicKey) derived).getPoint();
    return factory.generatePublic(new EdECPublicKeySpec(NamedParameterSpec.ED25519, point));
  }

  /** Signs {@code data}. */
  public byte[] sign(byte[] data) {
    try {
      Signature signature = Signature.getInstance(ALGORITHM);
      signature.initSign(privateKey);
      signature.update(data);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("signing failed", e);
    }
  }

  /** The public key, X.509 encoded. */
  public byte[] publicKey() {
    return publicKey.getEncoded();
  }

  /** A {@link java.security.SecureRandom} that hands out one fixed seed: derives a key pair from a private key. */
  private static final class FixedRandom extends java.security.SecureRandom {
    private final byte[] seed;

    FixedRandom(byte[] seed) {
      this.seed = seed.clone();
    }

    @Override
    public void nextBytes(byte[] bytes) {
      System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
    }
  }
}
