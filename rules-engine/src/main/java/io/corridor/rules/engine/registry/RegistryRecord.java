package io.corridor.rules.engine.registry;

import io.corridor.rules.engine.site.VehicleClass;
import java.time.LocalDate;

/**
 * What the vehicle registry says about one plate. The plate itself is not here: the registry is
 * keyed by the plate's blind index.
 *
 * @param vehicleClass the registered class, or {@code null}
 * @param euroClass the emission (Euro) class 0–7, or {@code null} when unknown
 * @param insuredUntil last day of insurance cover, or {@code null} when uninsured
 * @param registeredUntil last day of the registration, or {@code null} when not registered
 */
public record RegistryRecord(VehicleClass vehicleClass, Integer euroClass, LocalDate insuredUntil,
    LocalDate registeredUntil) {}
