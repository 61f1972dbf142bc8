-- Passes at given cameras: (device_id, event_time) on every daily partition (an index on the
-- partitioned parent is created on each existing and future partition).
CREATE INDEX plate_reads_device_time ON plate_reads (device_id, event_time);

-- One row per retention run, so the retention report can say when expiry last ran and what it did.
CREATE TABLE retention_runs (
    run_at            timestamptz PRIMARY KEY,
    created           text[] NOT NULL,
    dropped           text[] NOT NULL,
    evidence_deleted  integer NOT NULL,
    timescale         boolean NOT NULL
);
