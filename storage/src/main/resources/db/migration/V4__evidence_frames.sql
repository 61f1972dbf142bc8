-- Frames a rule marked as evidence (for example the photos behind a hotlist alert). Frames are
-- otherwise never stored: they live a short while in the receiving node's memory and are dropped.
-- The image is AES-256-GCM ciphertext (plate encryption key) bound to device_id and frame_id, so it
-- decrypts only in its own row; image_sha256 is the digest of the clear image as received.
-- Rows are deleted by the retention job once keep_until has passed.
CREATE TABLE evidence_frames (
    device_id     text NOT NULL,
    frame_id      uuid NOT NULL,
    taken_at      timestamptz NOT NULL,
    content_type  text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png')),
    image_sha256  bytea NOT NULL CHECK (length(image_sha256) = 32),
    image_ct      bytea NOT NULL,
    reason        text NOT NULL,
    marked_by     text NOT NULL,
    marked_at     timestamptz NOT NULL,
    keep_until    timestamptz NOT NULL CHECK (keep_until > marked_at),
    PRIMARY KEY (device_id, frame_id)
);
CREATE INDEX evidence_frames_keep_until ON evidence_frames (keep_until);
