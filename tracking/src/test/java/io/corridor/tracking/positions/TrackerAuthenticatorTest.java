package io.corridor.tracking.positions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corridor.ingest.IngestException;
import io.corridor.platform.devices.Device;
import io.corridor.platform.devices.DeviceKeys;
import io.corridor.platform.devices.DeviceRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrackerAuthenticatorTest {

  private final DeviceRegistry registry = new DeviceRegistry();
  private final TrackerAuthenticator auth = new TrackerAuthenticator(registry, new LegacyTrackers());

  private void register(String key, boolean active) {
    registry.replace(Map.of("trk-1", new Device("trk-1", "tracker", DeviceKeys.digest(key), active)));
  }

  @Test
  void aRememberedKeyStillRefusesAnotherKey() {
    register("right", true);
    assertThat(auth.osmand("trk-1", "right").authenticated()).isTrue();
    assertThat(auth.osmand("trk-1", "right").authenticated()).isTrue();
    assertThatThrownBy(() -> auth.osmand("trk-1", "wrong")).isInstanceOfSatisfying(IngestException.class,
        e -> assertThat(e.status()).isEqualTo(401));
    assertThatThrownBy(() -> auth.osmand("trk-1", "righ")).isInstanceOf(IngestException.class);
  }

  @Test
  void revocationAndRotationCountFromTheNextReload() {
    register("right", true);
    auth.osmand("trk-1", "right");
    register("right", false);
    assertThatThrownBy(() -> auth.osmand("trk-1", "right")).isInstanceOfSatisfying(IngestException.class,
        e -> assertThat(e.error()).isEqualTo("device_revoked"));
    register("rotated", true);
    assertThatThrownBy(() -> auth.osmand("trk-1", "right")).isInstanceOfSatisfying(IngestException.class,
        e -> assertThat(e.status()).isEqualTo(401));
    assertThat(auth.osmand("trk-1", "rotated").authenticated()).isTrue();
  }

  @Test
  void anUnknownTrackerIsRefusedAsTraccarDoes() {
    register("right", true);
    assertThatThrownBy(() -> auth.osmand("trk-2", "right")).isInstanceOfSatisfying(IngestException.class,
        e -> assertThat(e.status()).isEqualTo(400));
  }

  @Test
  void aRememberedKeyMatchesOnlyItselfWhateverTheLengths() {
    assertThat(TrackerAuthenticator.sameKey("k3y-é", "k3y-é")).isTrue();
    assertThat(TrackerAuthenticator.sameKey("", "")).isTrue();
    assertThat(TrackerAuthenticator.sameKey("right", "righ")).isFalse();
    assertThat(TrackerAuthenticator.sameKey("right", "rightt")).isFalse();
    assertThat(TrackerAuthenticator.sameKey("right", "")).isFalse();
    assertThat(TrackerAuthenticator.sameKey("", "r")).isFalse();
    assertThat(TrackerAuthenticator.sameKey("right", "wight")).isFalse();
    assertThat(TrackerAuthenticator.sameKey("ab", "ab\u0000")).isFalse(); // a trailing NUL is not the end of a key
    assertThat(TrackerAuthenticator.sameKey("ab\u0000", "ab")).isFalse();
  }
}
