-- Violations found by the rules, waiting for and going through an officer's review. violation_id
-- is deterministic (rule and reads), so a rule run twice on the same reads stores one row. The
-- plate is kept only as blind index and ciphertext; record is the violation as found, without plate.
CREATE TABLE violations (
    violation_id  uuid PRIMARY KEY,
    kind          text NOT NULL,
    rule_id       text NOT NULL,
    device_id     text NOT NULL,
    event_time    timestamptz NOT NULL,
    found_at      timestamptz NOT NULL,
    status        text NOT NULL DEFAULT 'pending'
                  CHECK (status IN ('pending', 'confirmed', 'dismissed', 'issued', 'closed')),
    plate_hash    bytea,
    plate_ct      bytea,
    measured      double precision,
    limit_value   double precision,
    record        jsonb NOT NULL,
    reference     text,
    issued_at     timestamptz,
    updated_at    timestamptz NOT NULL
);
CREATE INDEX violations_found_at ON violations (found_at, violation_id);
CREATE INDEX violations_status ON violations (status, found_at);

-- The reads a violation rests on, copied when it is found (without plate), so the evidence
-- outlives the read retention and the enforcement-site purge never removes a proving read.
CREATE TABLE violation_reads (
    violation_id  uuid NOT NULL REFERENCES violations ON DELETE CASCADE,
    read_id       uuid NOT NULL,
    device_id     text NOT NULL,
    event_time    timestamptz NOT NULL,
    received_time timestamptz,
    confidence    real,
    lane          smallint,
    speed_kmh     real,
    frame_ids     text[] NOT NULL DEFAULT '{}',
    PRIMARY KEY (violation_id, read_id)
);
CREATE INDEX violation_reads_read ON violation_reads (read_id);

-- Every review step: who, when, why (reason code, note, reference), from which status to which.
CREATE TABLE violation_actions (
    violation_id  uuid NOT NULL REFERENCES violations ON DELETE CASCADE,
    seq           integer NOT NULL,
    action        text NOT NULL,
    from_status   text NOT NULL,
    to_status     text NOT NULL,
    actor         text NOT NULL,
    at            timestamptz NOT NULL,
    reason_code   text,
    note          text,
    reference     text,
    PRIMARY KEY (violation_id, seq)
);

-- Signal-group states reported by junction controllers (POST /v1/signals); not personal data.
CREATE TABLE signal_phases (
    event_id       uuid PRIMARY KEY,
    controller_id  text NOT NULL,
    signal_group   integer NOT NULL,
    state          text NOT NULL,
    since          timestamptz NOT NULL,
    received_at    timestamptz NOT NULL
);
CREATE INDEX signal_phases_controller ON signal_phases (controller_id, signal_group, since);
