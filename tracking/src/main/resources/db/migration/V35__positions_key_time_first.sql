-- The positions primary key in time order: (event_time, event_id) instead of (event_id, event_time).
-- Every query that reads positions by key gives both columns (the cargo outbox's claims join a group's
-- keys, a retry's ON CONFLICT), so either order serves them; tracks and retention go by tracker
-- (positions_device_time). With the random event id first, each stored fix landed on a random leaf
-- of the day's key index: a day's fleet dirtied nearly every leaf between two checkpoints and wrote
-- each whole into the WAL once after every checkpoint (full-page images, docs/benchmarks.md). Time
-- first, fixes arriving in time order land on the few leaves of the latest times, as an append.
-- On a partitioned table (or hypertable) this rebuilds the key index of every partition (or chunk)
-- under an exclusive lock: run it in a maintenance window on a large database.
ALTER TABLE positions DROP CONSTRAINT IF EXISTS positions_pkey;
ALTER TABLE positions ADD PRIMARY KEY (event_time, event_id);
