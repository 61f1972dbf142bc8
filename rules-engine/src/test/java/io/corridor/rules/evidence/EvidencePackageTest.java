package io.corridor.rules.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A signed package verifies offline, and no single changed byte goes unnoticed. */
class EvidencePackageTest {

  static final EvidenceSigner SIGNER = EvidenceSigner.fromPkcs8(EvidenceSigner.newPkcs8Key());

  static byte[] sample() {
    JsonObject pkg = new EvidencePackage()
        .json("violation.json", new JsonObject().put("id", "v-1").put("kind", "SPEED").put("plate", "01234KS")
            .put("measured", 141.0).put("retained", 136.0).put("limit", 120.0))
        .json("reads.json", new JsonObject().put("reads", new io.vertx.core.json.JsonArray().add("r-1")))
        .part("frame-cam-1.jpg", "image/jpeg", new byte[] {(byte) 0xff, (byte) 0xd8, 1, 2, 3, 4, 5})
        .sign("v-1", Instant.parse("2026-12-01T10:00:00Z"), SIGNER);
    return pkg.encode().getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void anUntouchedPackageVerifies() {
    EvidenceVerifier.Result result = EvidenceVerifier.verify(sample(), null);
    assertThat(result.problems()).isEmpty();
    assertThat(result.violationId()).isEqualTo("v-1");
    assertThat(result.parts()).isEqualTo(3);
  }

  @Test
  void changingAnyOneByteMakesVerificationFail() {
    byte[] original = sample();
    for (int i = 0; i < original.length; i++) {
      byte[] changed = original.clone();
      changed[i] = (byte) (changed[i] == 'A' ? 'B' : 'A');
      assertThat(EvidenceVerifier.verify(changed, null).valid()).as("byte %d changed", i).isFalse();
    }
  }

  @Test
  void aPackageSignedByAnotherKeyFailsAgainstTheTrustedKeyId() {
    String trusted = EvidencePackage.sha256Hex(EvidenceSigner.generate().publicKey());
    assertThat(EvidenceVerifier.verify(sample(), trusted).problems()).anyMatch(p -> p.contains("not by the trusted key"));
    assertThat(EvidenceVerifier.verify(sample(), EvidencePackage.sha256Hex(SIGNER.publicKey())).valid()).isTrue();
  }

  @Test
  void aStoredKeySignsLikeTheGeneratedOne() {
    String key = EvidenceSigner.newPkcs8Key();
    assertThat(EvidenceSigner.fromPkcs8(key).publicKey()).isEqualTo(EvidenceSigner.fromPkcs8(key).publicKey());
  }
}
