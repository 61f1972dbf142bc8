package io.corridor.rules.engine;

import io.corridor.events.PlateRead;
import io.corridor.rules.engine.registry.RegistryRecord;
import io.corridor.rules.engine.site.CameraSite;
import io.corridor.rules.engine.site.VehicleClass;
import java.time.Instant;
import java.util.HexFormat;

/**
 * One read with what the engine knows about it, computed once and shared by every rule: the site of
 * its camera, the plate's blind index, the registry record and the vehicle class.
 *
 * @param read the committed read
 * @param site the camera's site, or {@code null} for a camera without one
 * @param plateHash the plate's blind index (keyed HMAC)
 * @param registry the vehicle registry's record of the plate, or {@code null}
 * @param vehicleClass the class from the registry, or {@code null} when unknown (rules then use the
 *     most lenient limit)
 * @param now when the rule runs
 */
public record ReadContext(PlateRead read, CameraSite site, byte[] plateHash, RegistryRecord registry,
    VehicleClass vehicleClass, Instant now) {

  /** The blind index in hex, as cluster state and registry keys use it. */
  public String plateKey() {
    return HexFormat.of().formatHex(plateHash);
  }

  /** Where the vehicle class came from, for the reviewer: {@code registry} or {@code unknown}. */
  public String classSource() {
    return vehicleClass == null ? "unknown" : "registry";
  }
}
