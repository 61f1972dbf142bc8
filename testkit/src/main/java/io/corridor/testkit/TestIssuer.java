package io.corridor.testkit;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A stand-in OpenID Connect provider for tests: a fresh RS256 or ES256 key pair, its JWKS document
 * and signed tokens with any claims (plain JDK crypto, so tests do not verify Corridor's verifier
 * with itself).
 */
public final class TestIssuer {

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final String issuer;
  private final String kid;
  private final String alg;
  private final KeyPair keys;

  private TestIssuer(String issuer, String kid, String alg, KeyPair keys) {
    this.issuer = issuer;
    this.kid = kid;
    this.alg = alg;
    this.keys = keys;
  }

  /** An issuer signing with a new 2048-bit RSA key (RS256). */
  public static TestIssuer rsa(String issuer, String kid) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return new TestIssuer(issuer, kid, "RS256", generator.generateKeyPair());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An issuer signing with a new P-256 key (ES256). */
  public static TestIssuer ec(String issuer, String kid) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return new TestIssuer(issuer, kid, "ES256", generator.generateKeyPair());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public String issuer() { return issuer; }

  public String kid() { return kid; }

  /** This key as one JWKS entry (JSON). */
  public String jwk() {
    if (keys.getPublic() instanceof RSAPublicKey rsa) {
      return "{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + kid + "\",\"n\":\""
          + unsigned(rsa.getModulus(), 0) + "\",\"e\":\"" + unsigned(rsa.getPublicExponent(), 0) + "\"}";
    }
    ECPublicKey ec = (ECPublicKey) keys.getPublic();
    return "{\"kty\":\"EC\",\"use\":\"sig\",\"alg\":\"ES256\",\"crv\":\"P-256\",\"kid\":\"" + kid + "\",\"x\":\""
        + unsigned(ec.getW().getAffineX(), 32) + "\",\"y\":\"" + unsigned(ec.getW().getAffineY(), 32) + "\"}";
  }

  /** A JWKS document holding the keys of {@code issuers}. */
  public static String jwks(TestIssuer... issuers) {
    return "{\"keys\":[" + List.of(issuers).stream().map(TestIssuer::jwk).collect(Collectors.joining(",")) + "]}";
  }

  /**
   * A token for {@code subject} with the standard claims (iss, aud, sub, iat, exp = now + ttl; a
   * negative ttl gives an expired token) plus {@code extra} claims.
   */
  public String token(String subject, String audience, Duration ttl, Map<String, Object> extra) {
    Instant now = Instant.now();
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", issuer);
    claims.put("aud", audience);
    claims.put("sub", subject);
    claims.put("iat", now.minus(ttl.isNegative() ? ttl.negated().multipliedBy(2) : Duration.ZERO).getEpochSecond());
    claims.put("exp", now.plus(ttl).getEpochSecond());
    claims.putAll(extra);
    return sign(claims);
  }

  /** A token with exactly {@code claims}. */
  public String sign(Map<String, Object> claims) {
    String header = "{\"alg\":\"" + alg + "\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}";
    String input = B64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
        + B64.encodeToString(json(claims).getBytes(StandardCharsets.UTF_8));
    try {
      Signature signature = Signature.getInstance(alg.equals("RS256") ? "SHA256withRSA" : "SHA256withECDSAinP1363Format");
      signature.initSign(keys.getPrivate());
      signature.update(input.getBytes(StandardCharsets.US_ASCII));
      return input + "." + B64.encodeToString(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String unsigned(BigInteger value, int length) {
    byte[] bytes = value.toByteArray();
    int start = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
    byte[] trimmed = java.util.Arrays.copyOfRange(bytes, start, bytes.length);
    if (length > trimmed.length) {
      byte[] padded = new byte[length];
      System.arraycopy(trimmed, 0, padded, length - trimmed.length, trimmed.length);
      trimmed = padded;
    }
    return B64.encodeToString(trimmed);
  }

  /** Minimal JSON for claim values: strings, numbers, booleans, collections and maps. */
  static String json(Object value) {
    if (value instanceof Map<?, ?> map) {
      return map.entrySet().stream().map(e -> json(String.valueOf(e.getKey())) + ":" + json(e.getValue()))
          .collect(Collectors.joining(",", "{", "}"));
    }
    if (value instanceof Collection<?> list) {
      return list.stream().map(TestIssuer::json).collect(Collectors.joining(",", "[", "]"));
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    return "\"" + String.valueOf(value).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
