-- The durable position of the rules: one row per newly stored read, written in the same
-- transaction as the read (binary COPY beside plate_reads), so a read that committed is evaluated
-- even when the node that stored it dies before its rules ran. Any node claims unleased rows
-- (FOR UPDATE SKIP LOCKED, then a lease in lease_until), evaluates them, stores the violations
-- (deterministic ids, ON CONFLICT DO NOTHING) and deletes the row in the same transaction.
-- A read from an enforcement site that led to nothing keeps its row, marked done, until
-- purge_after (its pairing window closed): the purge then deletes the read and the row.
CREATE TABLE rules_outbox (
    event_id     uuid NOT NULL,
    event_time   timestamptz NOT NULL,
    lease_owner  text,
    lease_until  timestamptz,
    attempts     integer NOT NULL DEFAULT 0,
    done_at      timestamptz,
    purge_after  timestamptz,
    PRIMARY KEY (event_id, event_time)
);
CREATE INDEX rules_outbox_pending ON rules_outbox (event_time) WHERE done_at IS NULL;
