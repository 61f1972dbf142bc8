-- Declared shipments under customs control. Plates only as blind index + ciphertext, like reads;
-- the declaration document itself (route, places, times, ranges) carries no plate.
CREATE TABLE shipments (
    shipment_id        uuid PRIMARY KEY,
    mrn                text NOT NULL UNIQUE CHECK (mrn ~ '^[0-9]{2}[A-Z]{2}[A-Z0-9]{13}[0-9]$'),
    goods              text NOT NULL CHECK (goods IN ('fuel', 'medical', 'other')),
    state              text NOT NULL CHECK (state IN ('declared', 'released', 'arrived', 'closed', 'cancelled')),
    truck_plate_hash   bytea NOT NULL,
    truck_plate_ct     bytea NOT NULL,
    trailer_plate_hash bytea,
    trailer_plate_ct   bytea,
    trackers           text[] NOT NULL,
    declaration        jsonb NOT NULL,
    declared_by        text NOT NULL,
    declared_at        timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL
);
CREATE INDEX shipments_listing ON shipments (declared_at DESC, shipment_id DESC);
CREATE INDEX shipments_state ON shipments (state);
CREATE INDEX shipments_trackers ON shipments USING gin (trackers);
CREATE INDEX shipments_truck_plate ON shipments (truck_plate_hash) WHERE state = 'released';

-- Every step of a shipment's life cycle: who took it and when.
CREATE TABLE shipment_transitions (
    shipment_id uuid NOT NULL REFERENCES shipments (shipment_id),
    seq         integer NOT NULL,
    action      text NOT NULL,
    from_state  text NOT NULL,
    to_state    text NOT NULL,
    actor       text NOT NULL,
    at          timestamptz NOT NULL,
    note        text,
    PRIMARY KEY (shipment_id, seq)
);

-- Cargo alerts: one row per episode, id deterministic (shipment, kind, key, start), closed when it clears.
CREATE TABLE cargo_alerts (
    alert_id    uuid PRIMARY KEY,
    shipment_id uuid NOT NULL REFERENCES shipments (shipment_id),
    kind        text NOT NULL,
    alert_key   text NOT NULL,
    severity    text NOT NULL,
    device_id   text,
    opened_at   timestamptz NOT NULL,
    closed_at   timestamptz,
    raised_at   timestamptz NOT NULL,
    reason      text NOT NULL,
    details     jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX cargo_alerts_shipment ON cargo_alerts (shipment_id, opened_at);
CREATE INDEX cargo_alerts_open ON cargo_alerts (shipment_id) WHERE closed_at IS NULL;
