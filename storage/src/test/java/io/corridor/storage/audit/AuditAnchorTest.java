package io.corridor.storage.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corridor.config.ConfigException;
import io.corridor.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditAnchorTest {

  @TempDir Path dir;

  AnchorOptions options(String[] keys) {
    return new AnchorOptions(Settings.of(Map.of(AnchorOptions.PRIVATE_KEY.name(), keys[0],
        AnchorOptions.PUBLIC_KEY.name(), keys[1], AnchorOptions.FILE.name(), dir.resolve("a.log").toString())));
  }

  @Test
  void aSignedAnchorSurvivesTheFileAndVerifiesOnlyUnchanged() throws Exception {
    AnchorOptions o = options(AnchorOptions.generateKeyPair());
    byte[] hash = new byte[32];
    Arrays.fill(hash, (byte) 7);
    AuditAnchor anchor = AuditAnchor.sign(42, hash, Instant.parse("2026-12-01T10:00:00.123456Z"), o.privateKey().orElseThrow());
    AnchorFile file = new AnchorFile(o.file());
    file.append(anchor);
    Files.writeString(o.file(), "# copied to the archive\n", java.nio.file.StandardOpenOption.APPEND);
    AuditAnchor read = file.readAll().getFirst();
    assertThat(read.seq()).isEqualTo(42);
    assertThat(read.hash()).isEqualTo(hash);
    assertThat(read.verify(o.publicKey().orElseThrow())).isTrue();
    assertThat(file.last()).isPresent();

    AuditAnchor moved = AuditAnchor.parse(read.line().replace("seq=42", "seq=43"));
    assertThat(moved.verify(o.publicKey().orElseThrow())).isFalse();
    assertThat(read.verify(options(AnchorOptions.generateKeyPair()).publicKey().orElseThrow())).isFalse();
  }

  @Test
  void badKeysAndLinesAreRefusedWithTheirName() {
    assertThatThrownBy(() -> new AnchorOptions(Settings.of(Map.of(AnchorOptions.PRIVATE_KEY.name(), "bm90IGEga2V5"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining(AnchorOptions.PRIVATE_KEY.name());
    assertThatThrownBy(() -> AuditAnchor.parse("anchor seq=x")).isInstanceOf(IllegalArgumentException.class);
    assertThat(new AnchorOptions(Settings.of(Map.of())).privateKey()).isEmpty();
  }
}
