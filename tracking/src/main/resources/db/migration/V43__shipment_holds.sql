-- Legal hold for cargo evidence (a customs case: a seal opened en route, fuel siphoned off).
-- A shipment is held under one hold of the legal_holds mechanism (V63), case_ref
-- 'shipment:<shipmentId>:<customsCase>', linked to the shipment here. While any hold of a shipment
-- is open the retention job expires nothing of it: its alerts and declaration stay, its trackers'
-- positions from release to its end are not purged, and they are copied into held_positions, which
-- the daily partition drop cannot take. Once released, the copies expire as the rows they copy
-- would have (retention.positions from their event time, tracking.retention.ended-shipment-positions
-- from the shipment's end). Positions carry no plate; neither table has a plate column.
--
-- case_ref names a legal_holds row, written in the same transaction (ShipmentHolds); no foreign key,
-- because legal_holds comes with storage's V63, which runs after this version.
CREATE TABLE shipment_holds (
    case_ref     text PRIMARY KEY,
    shipment_id  uuid NOT NULL REFERENCES shipments (shipment_id),
    customs_case text NOT NULL,
    UNIQUE (shipment_id, customs_case)
);

-- Copies of the held journey's positions, column for column as in positions.
CREATE TABLE held_positions (
    case_ref      text NOT NULL REFERENCES shipment_holds (case_ref),
    event_id      uuid NOT NULL,
    device_id     text NOT NULL,
    shipment_id   text,
    event_time    timestamptz NOT NULL,
    received_time timestamptz NOT NULL,
    lat           double precision NOT NULL,
    lon           double precision NOT NULL,
    speed_kmh     real,
    heading_deg   real,
    temperature_c real,
    seal_closed   boolean,
    altitude_m    real,
    accuracy_m    real,
    battery_pct   real,
    sensors       jsonb,
    alarms        text[],
    authenticated boolean NOT NULL,
    protocol      text,
    flags         text[],
    held_at       timestamptz NOT NULL,
    PRIMARY KEY (case_ref, event_time, event_id)
);
-- The held track by tracker in time order (GET /v1/shipments/{id}/track once the originals are gone).
CREATE INDEX held_positions_track ON held_positions (device_id, event_time);
