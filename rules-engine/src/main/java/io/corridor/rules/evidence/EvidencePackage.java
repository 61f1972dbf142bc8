package io.corridor.rules.evidence;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds a signed evidence package: named parts (the violation, its reads, the calibration
 * reference, the frames), a manifest listing each part's SHA-256, size and media type, and an
 * Ed25519 signature over the manifest's exact bytes. The package is one JSON document:
 * {@code {"format", "manifest" (base64 of the manifest), "signature", "publicKey", "parts": {name:
 * base64}}}; {@link EvidenceVerifier} checks it with no access to Corridor.
 */
public final class EvidencePackage {

  /** The format name in every package. */
  public static final String FORMAT = "corridor-evidence/1";

  private record Part(String mediaType, byte[] content) {}

  private final Map<String, Part> parts = new LinkedHashMap<>();

  /** Adds a JSON part. */
  public EvidencePackage json(String name, JsonObject content) {
    return part(name, "application/json", content.encodePrettily().getBytes(StandardCharsets.UTF_8));
  }

  /** Adds a part. */
  public EvidencePackage part(String name, String mediaType, byte[] content) {
    if (parts.putIfAbsent(name, new Part(mediaType, content.clone())) != null) {
      throw new IllegalArgumentException("part '" + name + "' added twice");
    }
    return this;
  }

  /** The signed package for violation {@code violationId}, made at {@code createdAt}. */
  public JsonObject sign(String violationId, Instant createdAt, EvidenceSigner signer) {
    JsonArray listed = new JsonArray();
    JsonObject encoded = new JsonObject();
    Base64.Encoder b64 = Base64.getEncoder();
    parts.forEach((name, part) -> {
      listed.add(new JsonObject().put("name", name).put("mediaType", part.mediaType())
          .put("bytes", part.content().length).put("sha256", sha256Hex(part.content())));
      encoded.put(name, b64.encodeToString(part.content()));
    });
    byte[] publicKey = signer.publicKey();
    byte[] manifest = new JsonObject().put("format", FORMAT).put("violationId", violationId)
        .put("createdAt", createdAt.toString()).put("algorithm", EvidenceSigner.ALGORITHM)
        .put("keyId", sha256Hex(publicKey)).put("parts", listed).encodePrettily().getBytes(StandardCharsets.UTF_8);
    return new JsonObject().put("format", FORMAT).put("manifest", b64.encodeToString(manifest))
        .put("signature", b64.encodeToString(signer.sign(manifest))).put("publicKey", b64.encodeToString(publicKey))
        .put("parts", encoded);
  }

  /** Lower-case hex SHA-256 of {@code data}. */
  public static String sha256Hex(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
