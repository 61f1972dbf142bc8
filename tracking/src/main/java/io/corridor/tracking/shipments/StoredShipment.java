package io.corridor.tracking.shipments;

import java.time.Instant;
import java.util.List;

/**
 * A shipment as stored, plates decrypted for an authorised (and audited) caller.
 *
 * @param id shipment id
 * @param mrn its MRN
 * @param goods goods class
 * @param state life-cycle state
 * @param truckPlate truck plate, decrypted
 * @param trailerPlate trailer plate, decrypted (null: none)
 * @param trackers tracker ids
 * @param declarationJson the declaration document without plates
 * @param declaredBy who declared it
 * @param declaredAt when
 * @param updatedAt when its state last changed
 * @param openAlerts alerts raised and not yet cleared
 */
public record StoredShipment(String id, String mrn, GoodsClass goods, ShipmentState state, String truckPlate,
    String trailerPlate, List<String> trackers, String declarationJson, String declaredBy, Instant declaredAt,
    Instant updatedAt, int openAlerts) {}
