-- What real trackers send beyond a fix (OsmAnd/Traccar, OwnTracks, Corridor JSON/Avro): Position schema v2.
ALTER TABLE positions
    ADD COLUMN altitude_m    real,
    ADD COLUMN accuracy_m    real,
    ADD COLUMN battery_pct   real,
    ADD COLUMN sensors       jsonb,
    ADD COLUMN alarms        text[],
    ADD COLUMN authenticated boolean NOT NULL DEFAULT true,
    ADD COLUMN protocol      text,
    ADD COLUMN flags         text[];

-- A tracker's track in time order (the jump check, GET /v1/shipments/{id}/track by tracker).
CREATE INDEX positions_device_time ON positions (device_id, event_time);

-- Trackers configured for a Traccar server often cannot send a key: registered as legacy they may
-- send OsmAnd positions without one, and those positions are stored with authenticated = false.
ALTER TABLE devices ADD COLUMN legacy boolean NOT NULL DEFAULT false;
