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
}
