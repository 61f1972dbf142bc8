package io.corridor.storage.audit;

import io.corridor.config.ConfigException;
import io.corridor.config.ConfigKey;
import io.corridor.config.Settings;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** Where and how often the audit chain's head is anchored outside the database. */
public final class AnchorOptions {

  /** Anchor period. */
  public static final ConfigKey INTERVAL = new ConfigKey("audit.anchor-interval", "5m",
      "How often the node signs the audit chain's head and appends it to the anchor file (when it moved)");
  /** Anchor file. */
  public static final ConfigKey FILE = new ConfigKey("audit.anchor-file", ".corridor/audit-anchors.log",
      "Append-only file of signed audit chain heads; copy it off the database host (bin/corridor audit verify --anchors)");
  /** Signing key. */
  public static final ConfigKey PRIVATE_KEY = new ConfigKey("audit.anchor-private-key", "",
      "Ed25519 private key (PKCS#8, base64) that signs audit anchors; empty: no anchoring (keep in a secret store)");
  /** Verifying key. */
  public static final ConfigKey PUBLIC_KEY = new ConfigKey("audit.anchor-public-key", "",
      "Ed25519 public key (X.509, base64) auditors verify anchors with");

  /** Every key declared here. */
  public static final List<ConfigKey> KEYS = List.of(INTERVAL, FILE, PRIVATE_KEY, PUBLIC_KEY);

  private final Duration interval;
  private final Path file;
  private final PrivateKey privateKey;
  private final PublicKey publicKey;

  /** Reads and validates the anchor keys. */
  public AnchorOptions(Settings settings) {
    this.interval = settings.getDuration(INTERVAL);
    if (interval.toMillis() < 100) {
      throw new ConfigException(INTERVAL, interval.toString(), "must be at least 100ms");
    }
    this.file = Path.of(settings.get(FILE));
    String priv = settings.get(PRIVATE_KEY);
    String pub = settings.get(PUBLIC_KEY);
    this.privateKey = priv == null || priv.isBlank() ? null : decodePrivate(priv);
    this.publicKey = pub == null || pub.isBlank() ? null : decodePublic(pub);
  }

  public Duration interval() { return interval; }

  public Path file() { return file; }

  /** The signing key; empty when anchoring is off. */
  public Optional<PrivateKey> privateKey() { return Optional.ofNullable(privateKey); }

  /** The verifying key, if configured. */
  public Optional<PublicKey> publicKey() { return Optional.ofNullable(publicKey); }

  /** A fresh Ed25519 key pair as {@code [private PKCS#8 base64, public X.509 base64]} (demo, tests). */
  public static String[] generateKeyPair() {
    try {
      KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      return new String[] {Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()),
          Base64.getEncoder().encodeToString(pair.getPublic().getEncoded())};
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 unavailable", e);
    }
  }

  private static PrivateKey decodePrivate(String value) {
    try {
      return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(value)));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new ConfigException(PRIVATE_KEY, "<redacted>", "must be a base64 PKCS#8 Ed25519 private key");
    }
  }

  private static PublicKey decodePublic(String value) {
    try {
      return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(value)));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new ConfigException(PUBLIC_KEY, value, "must be a base64 X.509 Ed25519 public key");
    }
  }
}
