package io.corridor.platform.devices;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.platform.devices.DeviceRegistry.AuthResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DeviceRegistryTest {

  static final String CAMERA_KEY = "camera-secret-key";
  static final String REVOKED_KEY = "revoked-secret-key";

  static Device device(String id, String kind, String key, boolean active) {
    return new Device(id, kind, DeviceKeys.digest(key), active);
  }

  final DeviceRegistry registry = new DeviceRegistry();

  DeviceRegistryTest() {
    registry.replace(Map.of(
        "cam-1", device("cam-1", "camera", CAMERA_KEY, true),
        "cam-old", device("cam-old", "camera", REVOKED_KEY, false)));
  }

  @Test
  void anAgentsCamerasAreFoundByTheAgentAndItsCameraNumberOnly() {
    Device agent = device("agent-1", Device.AGENT, "agent-key", true);
    Device lane1 = new Device("cam-l1", "camera", DeviceKeys.digest("k1"), true, null, null, "agent-1", 1042L);
    Device lane2 = new Device("cam-l2", "camera", DeviceKeys.digest("k2"), false, null, null, "agent-1", 1043L);
    Device elsewhere = new Device("cam-x", "camera", DeviceKeys.digest("k3"), true, null, null, "agent-2", 1042L);
    registry.replace(Map.of("agent-1", agent, "cam-l1", lane1, "cam-l2", lane2, "cam-x", elsewhere));
    assertThat(registry.agentCamera("agent-1", 1042)).contains(lane1);
    assertThat(registry.agentCamera("agent-1", 1043)).as("revoked cameras are found, to be refused as such").contains(lane2);
    assertThat(registry.agentCamera("agent-2", 1042)).contains(elsewhere);
    assertThat(registry.agentCamera("agent-1", 1044)).isEmpty();
    assertThat(registry.agentCamera("agent-3", 1042)).isEmpty();
    registry.replace(Map.of("agent-1", agent));
    assertThat(registry.agentCamera("agent-1", 1042)).as("replaced whole").isEmpty();
  }

  @Test
  void emptyRegistryKnowsNobody() {
    DeviceRegistry empty = new DeviceRegistry();
    assertThat(empty.size()).isZero();
    assertThat(empty.find("cam-1")).isEmpty();
    assertThat(empty.authenticate("cam-1", CAMERA_KEY)).isEqualTo(AuthResult.UNKNOWN);
  }

  @Test
  void rightKeyOfActiveDeviceIsOk() {
    assertThat(registry.authenticate("cam-1", CAMERA_KEY)).isEqualTo(AuthResult.OK);
  }

  @Test
  void missingOrBlankCredentialsAreMissing() {
    assertThat(registry.authenticate(null, CAMERA_KEY)).isEqualTo(AuthResult.MISSING);
    assertThat(registry.authenticate("", CAMERA_KEY)).isEqualTo(AuthResult.MISSING);
    assertThat(registry.authenticate("  ", CAMERA_KEY)).isEqualTo(AuthResult.MISSING);
    assertThat(registry.authenticate("cam-1", null)).isEqualTo(AuthResult.MISSING);
    assertThat(registry.authenticate("cam-1", " ")).isEqualTo(AuthResult.MISSING);
  }

  @Test
  void unknownDeviceIsUnknown() {
    assertThat(registry.authenticate("cam-2", CAMERA_KEY)).isEqualTo(AuthResult.UNKNOWN);
  }

  @Test
  void wrongKeyIsBadKey() {
    assertThat(registry.authenticate("cam-1", REVOKED_KEY)).isEqualTo(AuthResult.BAD_KEY);
    assertThat(registry.authenticate("cam-1", CAMERA_KEY + " ")).isEqualTo(AuthResult.BAD_KEY);
  }

  @Test
  void revokedDeviceWithItsKeyIsRevokedButWithAWrongKeyIsBadKey() {
    assertThat(registry.authenticate("cam-old", REVOKED_KEY)).isEqualTo(AuthResult.REVOKED);
    // A wrong key never learns that the device exists but is revoked.
    assertThat(registry.authenticate("cam-old", CAMERA_KEY)).isEqualTo(AuthResult.BAD_KEY);
  }

  @Test
  void findReturnsActiveAndRevokedDevices() {
    assertThat(registry.find("cam-1")).get().extracting(Device::active).isEqualTo(true);
    assertThat(registry.find("cam-old")).get().extracting(Device::active).isEqualTo(false);
    assertThat(registry.find("nope")).isEmpty();
    assertThat(registry.size()).isEqualTo(2);
  }

  @Test
  void replaceSwapsTheWholeRegistry() {
    registry.replace(Map.of("cam-9", device("cam-9", "camera", "k9", true)));
    assertThat(registry.size()).isEqualTo(1);
    assertThat(registry.find("cam-1")).isEmpty();
    assertThat(registry.authenticate("cam-1", CAMERA_KEY)).isEqualTo(AuthResult.UNKNOWN);
    assertThat(registry.authenticate("cam-9", "k9")).isEqualTo(AuthResult.OK);
  }

  @Test
  void revocationTakesEffectOnReplace() {
    registry.replace(Map.of("cam-1", device("cam-1", "camera", CAMERA_KEY, false)));
    assertThat(registry.authenticate("cam-1", CAMERA_KEY)).isEqualTo(AuthResult.REVOKED);
  }

  @Test
  void laterChangesToTheCallersMapDoNotLeakIn() {
    Map<String, Device> source = new HashMap<>();
    source.put("cam-1", device("cam-1", "camera", CAMERA_KEY, true));
    registry.replace(source);
    source.put("cam-2", device("cam-2", "camera", "k2", true));
    source.remove("cam-1");
    assertThat(registry.size()).isEqualTo(1);
    assertThat(registry.find("cam-1")).isPresent();
    assertThat(registry.find("cam-2")).isEmpty();
  }

  @Test
  void readersNeverSeeAHalfLoadedRegistry() throws Exception {
    Map<String, Device> a = new HashMap<>();
    Map<String, Device> b = new HashMap<>();
    for (int i = 0; i < 300; i++) {
      a.put("a-" + i, device("a-" + i, "camera", "k", true));
    }
    for (int i = 0; i < 50; i++) {
      b.put("b-" + i, device("b-" + i, "camera", "k", true));
    }
    AtomicBoolean stop = new AtomicBoolean();
    AtomicReference<String> seen = new AtomicReference<>();
    Thread reader = new Thread(() -> {
      while (!stop.get()) {
        int size = registry.size();
        if (size != 2 && size != 300 && size != 50) {
          seen.set("size " + size);
        }
      }
    });
    reader.start();
    for (int round = 0; round < 2_000; round++) {
      registry.replace(round % 2 == 0 ? a : b);
    }
    stop.set(true);
    reader.join(5_000);
    assertThat(seen.get()).isNull();
    assertThat(registry.size()).isEqualTo(50);
    assertThat(List.of(registry.find("b-0").isPresent(), registry.find("a-0").isPresent())).containsExactly(true, false);
  }
}
