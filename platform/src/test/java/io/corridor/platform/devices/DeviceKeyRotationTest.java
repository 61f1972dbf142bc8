package io.corridor.platform.devices;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.platform.devices.DeviceRegistry.AuthResult;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A rotated device key: the new one always, the previous one only until its overlap ends; revoked: none. */
class DeviceKeyRotationTest {

  static final Instant ROTATED = Instant.parse("2026-12-01T10:00:00Z");
  static final Instant UNTIL = ROTATED.plusSeconds(3600);

  static DeviceRegistry at(Instant now, Device device) {
    DeviceRegistry registry = new DeviceRegistry(Clock.fixed(now, ZoneOffset.UTC));
    registry.replace(Map.of(device.id(), device));
    return registry;
  }

  static Device rotated(boolean active) {
    return new Device("cam-1", "camera", DeviceKeys.digest("new-key"), active, DeviceKeys.digest("old-key"), UNTIL);
  }

  @Test
  void thePreviousKeyWorksOnlyInsideTheOverlap() {
    assertThat(at(ROTATED, rotated(true)).authenticate("cam-1", "new-key")).isEqualTo(AuthResult.OK);
    assertThat(at(ROTATED, rotated(true)).authenticate("cam-1", "old-key")).isEqualTo(AuthResult.OK);
    assertThat(at(UNTIL.minusMillis(1), rotated(true)).authenticate("cam-1", "old-key")).isEqualTo(AuthResult.OK);
    assertThat(at(UNTIL, rotated(true)).authenticate("cam-1", "old-key")).isEqualTo(AuthResult.BAD_KEY);
    assertThat(at(UNTIL.plusSeconds(60), rotated(true)).authenticate("cam-1", "new-key")).isEqualTo(AuthResult.OK);
    assertThat(at(ROTATED, rotated(true)).authenticate("cam-1", "some-other-key")).isEqualTo(AuthResult.BAD_KEY);
  }

  @Test
  void aRevokedDeviceIsRefusedWithEitherKeyAndAnUnrotatedOneHasOneKey() {
    assertThat(at(ROTATED, rotated(false)).authenticate("cam-1", "new-key")).isEqualTo(AuthResult.REVOKED);
    Device plain = new Device("cam-2", "camera", DeviceKeys.digest("only-key"), true);
    assertThat(at(ROTATED, plain).authenticate("cam-2", "only-key")).isEqualTo(AuthResult.OK);
    assertThat(at(ROTATED, plain).authenticate("cam-2", "old-key")).isEqualTo(AuthResult.BAD_KEY);
    assertThat(at(ROTATED, plain).authenticate("cam-9", "only-key")).isEqualTo(AuthResult.UNKNOWN);
  }
}
