-- A retried frame must not produce a second read, so /v1/frames looks up the reads that already
-- name a frame: by camera and a short event-time range. Partial: only reads made from frames are
-- indexed, so reads without frame ids (most camera reads) pay nothing for it. Created on the
-- partitioned parent (or hypertable), it applies to every existing and future partition.
CREATE INDEX plate_reads_device_frames ON plate_reads (device_id, event_time) WHERE cardinality(frame_ids) > 0;
