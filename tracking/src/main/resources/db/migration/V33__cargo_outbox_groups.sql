-- The durable position of the cargo detectors, one row per commit instead of one per position:
-- each group of positions the writer commits gets one row in the same transaction, leased to the
-- node that stored it, listing its positions' keys as two arrays. That node judges the group from
-- memory and deletes the row in one statement once every position in it is judged; a node that
-- dies leaves its rows leased, and when the lease runs out any node claims them (FOR UPDATE SKIP
-- LOCKED, then a new lease), reads those positions back and judges them (a fix judged twice
-- changes nothing) before it deletes the row. A row per position cost PostgreSQL a heap tuple, two
-- index entries, a deletion and its vacuum for every fix (docs/benchmarks.md).
--
-- A group is named by its earliest position (every position is stored in exactly one group).
-- cargo_outbox keeps the rows of shipments' truck plate reads, and the rows positions got before
-- this migration, which nodes still claim and judge until it holds none of them.
CREATE TABLE cargo_outbox_groups (
    event_id     uuid NOT NULL,
    event_time   timestamptz NOT NULL,
    lease_owner  text NOT NULL,
    lease_until  timestamptz NOT NULL,
    attempts     integer NOT NULL DEFAULT 0,
    event_ids    uuid[] NOT NULL,
    event_times  timestamptz[] NOT NULL,
    PRIMARY KEY (event_id, event_time),
    -- a claim finds a group's positions by unnesting both arrays side by side
    CHECK (cardinality(event_ids) > 0 AND cardinality(event_ids) = cardinality(event_times))
) WITH (toast_tuple_target = 8160);
-- Random ids do not compress: store a group's key arrays without trying to, in the row itself up to
-- about 330 positions (toast_tuple_target), out of line beyond.
ALTER TABLE cargo_outbox_groups
    ALTER COLUMN event_ids SET STORAGE EXTERNAL,
    ALTER COLUMN event_times SET STORAGE EXTERNAL;
