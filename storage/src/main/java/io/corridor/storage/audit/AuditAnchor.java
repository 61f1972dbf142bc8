package io.corridor.storage.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A signed statement of the audit chain's head: "at {@code at} the log's row {@code seq} had hash
 * {@code hash}". Kept outside the database (an append-only file, the node's log), so whoever
 * controls the database cannot rewrite the chain without the anchors giving it away. Signed with
 * Ed25519: verifying needs only the public key.
 *
 * <p>One line each: {@code anchor seq=42 hash=<hex> at=2026-12-01T10:00:00Z sig=<base64>}.
 */
public record AuditAnchor(long seq, byte[] hash, Instant at, byte[] signature) {

  private static final Pattern LINE =
      Pattern.compile("anchor seq=(\\d+) hash=([0-9a-f]{64}) at=(\\S+) sig=([A-Za-z0-9+/=]+)");
  private static final HexFormat HEX = HexFormat.of();

  /** Signs the head {@code (seq, hash)} at {@code at}. */
  public static AuditAnchor sign(long seq, byte[] hash, Instant at, PrivateKey key) {
    try {
      Signature signer = Signature.getInstance("Ed25519");
      signer.initSign(key);
      signer.update(payload(seq, hash, at));
      return new AuditAnchor(seq, hash.clone(), at, signer.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign the audit anchor with the configured key: " + e.getMessage(), e);
    }
  }

  /** Whether the signature is valid under {@code key}. */
  public boolean verify(PublicKey key) {
    try {
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(key);
      verifier.update(payload(seq, hash, at));
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** The line written to the anchor file. */
  public String line() {
    return "anchor seq=" + seq + " hash=" + HEX.formatHex(hash) + " at=" + at + " sig="
        + Base64.getEncoder().encodeToString(signature);
  }

  /** The hash in lower-case hex. */
  public String hashHex() {
    return HEX.formatHex(hash);
  }

  /**
   * Parses a line written by {@link #line()}.
   *
   * @throws IllegalArgumentException when the line is not an anchor
   */
  public static AuditAnchor parse(String line) {
    Matcher m = LINE.matcher(line.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("not an audit anchor line: " + line);
    }
    return new AuditAnchor(Long.parseLong(m.group(1)), HEX.parseHex(m.group(2)), Instant.parse(m.group(3)),
        Base64.getDecoder().decode(m.group(4)));
  }

  private static byte[] payload(long seq, byte[] hash, Instant at) {
    return ("corridor-audit-anchor v1 " + seq + " " + HEX.formatHex(hash) + " " + at).getBytes(StandardCharsets.UTF_8);
  }
}
