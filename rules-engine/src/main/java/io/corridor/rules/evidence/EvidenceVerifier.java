package io.corridor.rules.evidence;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks an evidence package offline ({@code bin/corridor evidence verify FILE}): the signature over
 * the manifest, the key id against the package's key (and against a trusted key id when given),
 * every part against its SHA-256 and size, and that the package holds exactly the listed parts.
 * Strict about form too (exact top-level fields, canonical base64), so that no byte of the file
 * can change without the check failing.
 */
public final class EvidenceVerifier {

  /** The outcome: valid when {@link #problems} is empty. */
  public record Result(String violationId, int parts, List<String> problems) {

    public boolean valid() {
      return problems.isEmpty();
    }
  }

  private static final Set<String> FIELDS = Set.of("format", "manifest", "signature", "publicKey", "parts");

  private EvidenceVerifier() {}

  /**
   * Verifies the package in {@code file}'s bytes.
   *
   * @param trustedKeyId the expected key id (hex SHA-256 of the public key), or null to accept the
   *     package's own key
   */
  public static Result verify(byte[] file, String trustedKeyId) {
    try {
      return check(file, trustedKeyId);
    } catch (RuntimeException e) {
      // A changed byte can turn any field into the wrong type: malformed, never a crash.
      return new Result(null, 0, List.of("malformed evidence package: " + e));
    }
  }

  private static Result check(byte[] file, String trustedKeyId) {
    List<String> problems = new ArrayList<>();
    JsonObject pkg;
    try {
      String text = new String(file, StandardCharsets.UTF_8);
      pkg = new JsonObject(text);
      if (!text.equals(pkg.encode()) && !text.equals(pkg.encode() + "\n")) {
        problems.add("the file is not in the form Corridor writes (extra whitespace or reordered fields)");
      }
    } catch (DecodeException | ClassCastException e) {
      return new Result(null, 0, List.of("not a JSON evidence package: " + e.getMessage()));
    }
    if (!pkg.fieldNames().equals(FIELDS)) {
      problems.add("top-level fields must be exactly " + FIELDS + ", found " + pkg.fieldNames());
    }
    if (!EvidencePackage.FORMAT.equals(pkg.getValue("format"))) {
      problems.add("unknown format " + pkg.getValue("format"));
    }
    byte[] manifestBytes = decode(pkg.getValue("manifest"), "manifest", problems);
    byte[] signature = decode(pkg.getValue("signature"), "signature", problems);
    byte[] publicKey = decode(pkg.getValue("publicKey"), "publicKey", problems);
    if (manifestBytes == null || signature == null || publicKey == null) {
      return new Result(null, 0, problems);
    }
    if (!signatureHolds(publicKey, manifestBytes, signature)) {
      problems.add("the signature does not match the manifest");
    }
    JsonObject manifest;
    try {
      manifest = new JsonObject(new String(manifestBytes, StandardCharsets.UTF_8));
    } catch (DecodeException e) {
      problems.add("the manifest is not JSON");
      return new Result(null, 0, problems);
    }
    String keyId = EvidencePackage.sha256Hex(publicKey);
    if (!keyId.equals(manifest.getString("keyId"))) {
      problems.add("the manifest's key id does not match the package's public key");
    }
    if (trustedKeyId != null && !trustedKeyId.equalsIgnoreCase(keyId)) {
      problems.add("signed by key " + keyId + ", not by the trusted key " + trustedKeyId);
    }
    int count = checkParts(manifest.getJsonArray("parts", new JsonArray()), pkg.getValue("parts"), problems);
    return new Result(manifest.getString("violationId"), count, problems);
  }

  private static int checkParts(JsonArray listed, Object partsValue, List<String> problems) {
    if (!(partsValue instanceof JsonObject parts)) {
      problems.add("parts must be an object");
      return 0;
    }
    Set<String> seen = new HashSet<>();
    for (Object item : listed) {
      JsonObject entry = (JsonObject) item;
      String name = entry.getString("name");
      seen.add(name);
      byte[] content = decode(parts.getValue(name), "part " + name, problems);
      if (content == null) {
        continue;
      }
      if (!EvidencePackage.sha256Hex(content).equals(entry.getString("sha256"))) {
        problems.add("part " + name + ": SHA-256 does not match the manifest");
      }
      if (entry.getInteger("bytes", -1) != content.length) {
        problems.add("part " + name + ": size does not match the manifest");
      }
    }
    for (String name : parts.fieldNames()) {
      if (!seen.contains(name)) {
        problems.add("part " + name + " is not listed in the manifest");
      }
    }
    return seen.size();
  }

  private static byte[] decode(Object value, String what, List<String> problems) {
    if (!(value instanceof String text)) {
      problems.add(what + " is missing");
      return null;
    }
    try {
      byte[] bytes = Base64.getDecoder().decode(text);
      // Re-encoding catches changed padding bits, which a lenient decoder would ignore.
      if (!Base64.getEncoder().encodeToString(bytes).equals(text)) {
        problems.add(what + " is not canonical base64");
      }
      return bytes;
    } catch (IllegalArgumentException e) {
      problems.add(what + " is not base64");
      return null;
    }
  }

  private static boolean signatureHolds(byte[] publicKey, byte[] data, byte[] signature) {
    try {
      PublicKey key = KeyFactory.getInstance(EvidenceSigner.ALGORITHM).generatePublic(new X509EncodedKeySpec(publicKey));
      Signature verifier = Signature.getInstance(EvidenceSigner.ALGORITHM);
      verifier.initVerify(key);
      verifier.update(data);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }
}
