-- Legal hold: reads named by an issued violation or an approved warrant's case are copied here,
-- out of the daily partitions, so rolling expiry cannot drop them; released when the case closes.
-- Plates stay blind index + ciphertext, exactly as in plate_reads.
CREATE TABLE legal_holds (
    case_ref     text PRIMARY KEY,
    opened_at    timestamptz NOT NULL,
    opened_by    text NOT NULL,
    reason       text NOT NULL,
    released_at  timestamptz,
    released_by  text
);

CREATE TABLE held_reads (
    case_ref      text NOT NULL REFERENCES legal_holds (case_ref),
    event_id      uuid NOT NULL,
    device_id     text NOT NULL,
    event_time    timestamptz NOT NULL,
    received_time timestamptz NOT NULL,
    plate_hash    bytea NOT NULL,
    plate_ct      bytea NOT NULL,
    country       text,
    confidence    real NOT NULL,
    lat           double precision,
    lon           double precision,
    lane          smallint,
    speed_kmh     real,
    frame_ids     text[],
    held_at       timestamptz NOT NULL,
    PRIMARY KEY (case_ref, event_id)
);
CREATE INDEX held_reads_event ON held_reads (event_id);
