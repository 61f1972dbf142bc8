-- Case close and one legal-hold mechanism for reads and frames.
--
-- cases: the case id a warrant names is a case with a life cycle. It opens with its first warrant
-- and is closed by an approver (with an outcome and a note); closing releases the case's hold and
-- refuses further queries and holds under every warrant of the case.
CREATE TABLE cases (
    case_id    text PRIMARY KEY,
    state      text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed')),
    opened_at  timestamptz NOT NULL,
    opened_by  text NOT NULL,
    closed_at  timestamptz,
    closed_by  text,
    outcome    text,
    note       text,
    CHECK ((state = 'open') = (closed_at IS NULL))
);
INSERT INTO cases (case_id, opened_at, opened_by)
SELECT DISTINCT ON (case_id) case_id, requested_at, requested_by FROM warrants ORDER BY case_id, requested_at;

-- The evidence frames a hold keeps (keep_until = infinity while any open hold names them).
CREATE TABLE held_frames (
    case_ref   text NOT NULL REFERENCES legal_holds (case_ref),
    device_id  text NOT NULL,
    frame_id   text NOT NULL,
    PRIMARY KEY (case_ref, device_id, frame_id)
);
CREATE INDEX held_frames_frame ON held_frames (device_id, frame_id);

-- A released hold's copies are expired by the retention job under the read retention.
CREATE INDEX legal_holds_released ON legal_holds (released_at) WHERE released_at IS NOT NULL;
ALTER TABLE retention_runs ADD COLUMN held_expired integer NOT NULL DEFAULT 0;

-- Violations issued before this version kept their frames by keep_until alone: give each its hold.
-- (These holds have no hold.add audit row; the violation's issue step is its record.)
INSERT INTO legal_holds (case_ref, opened_at, opened_by, reason)
SELECT 'violation:' || violation_id, coalesce(issued_at, updated_at), 'migration V64', 'violation issued before V64'
  FROM violations WHERE status = 'issued'
ON CONFLICT (case_ref) DO NOTHING;
INSERT INTO held_reads (case_ref, event_id, device_id, event_time, received_time, plate_hash, plate_ct, country,
                        confidence, lat, lon, lane, speed_kmh, frame_ids, held_at)
SELECT 'violation:' || vr.violation_id, r.event_id, r.device_id, r.event_time, r.received_time, r.plate_hash, r.plate_ct,
       r.country, r.confidence, r.lat, r.lon, r.lane, r.speed_kmh, r.frame_ids, now()
  FROM violation_reads vr JOIN violations v USING (violation_id) JOIN plate_reads r ON r.event_id = vr.read_id
 WHERE v.status = 'issued'
ON CONFLICT DO NOTHING;
INSERT INTO held_frames (case_ref, device_id, frame_id)
SELECT 'violation:' || vr.violation_id, vr.device_id, f
  FROM violation_reads vr JOIN violations v USING (violation_id), unnest(vr.frame_ids) AS f
 WHERE v.status = 'issued'
ON CONFLICT DO NOTHING;
