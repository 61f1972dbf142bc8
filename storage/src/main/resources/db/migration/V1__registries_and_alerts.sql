-- Devices that may send events. Keys are stored as SHA-256 digests, never in clear.
CREATE TABLE devices (
    device_id   text PRIMARY KEY CHECK (device_id ~ '^[A-Za-z0-9._-]{1,64}$'),
    kind        text NOT NULL CHECK (kind IN ('camera', 'drone', 'tracker')),
    key_sha256  bytea NOT NULL,
    status      text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'revoked')),
    name        text,
    lat         double precision,
    lon         double precision,
    created_at  timestamptz NOT NULL DEFAULT now(),
    revoked_at  timestamptz
);

-- Wanted, stolen or uninsured vehicles. Plates are held only as the keyed hash used in plate_reads.
CREATE TABLE hotlist (
    entry_id    text PRIMARY KEY,
    plate_hash  bytea NOT NULL,
    reason      text NOT NULL,
    severity    text NOT NULL DEFAULT 'CRITICAL' CHECK (severity IN ('INFO', 'WARNING', 'CRITICAL')),
    added_by    text NOT NULL,
    added_at    timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz,
    active      boolean NOT NULL DEFAULT true
);
CREATE INDEX hotlist_plate_hash ON hotlist (plate_hash) WHERE active;

-- Alerts raised by rules; alert_id is deterministic so a re-run never duplicates one.
CREATE TABLE alerts (
    alert_id    uuid PRIMARY KEY,
    kind        text NOT NULL,
    severity    text NOT NULL,
    rule_id     text NOT NULL,
    subject_id  text NOT NULL,
    device_id   text NOT NULL,
    event_time  timestamptz NOT NULL,
    raised_at   timestamptz NOT NULL,
    reason      text NOT NULL,
    plate_hash  bytea,
    plate_ct    bytea
);
CREATE INDEX alerts_raised_at ON alerts (raised_at);
