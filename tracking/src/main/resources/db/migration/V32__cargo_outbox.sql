-- The durable position of the cargo detectors: one row per newly stored position, written in the
-- same transaction as the position (a second, four-column binary COPY beside positions), already
-- leased to the node that stored it, which judges the position at once and deletes the row. A
-- node that dies after the commit leaves its rows leased; when the lease runs out any node claims
-- them (FOR UPDATE SKIP LOCKED, then a new lease), feeds the positions to the cluster's monitors
-- (a fix judged twice changes nothing) and deletes the rows once the judgement and its alerts are
-- stored.
CREATE TABLE cargo_outbox (
    event_id     uuid NOT NULL,
    event_time   timestamptz NOT NULL,
    lease_owner  text,
    lease_until  timestamptz,
    attempts     integer NOT NULL DEFAULT 0,
    PRIMARY KEY (event_id, event_time)
);
CREATE INDEX cargo_outbox_lease ON cargo_outbox (lease_until);
