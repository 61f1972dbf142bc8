-- Device management (POST /v1/devices/{id}/rotate): after a rotation the previous key keeps
-- working until previous_key_valid_until, so a device can be re-provisioned without a gap. Keys
-- are stored only as SHA-256 digests; who changed what is in the audit log.
ALTER TABLE devices ADD COLUMN previous_key_sha256 bytea;
ALTER TABLE devices ADD COLUMN previous_key_valid_until timestamptz;
ALTER TABLE devices ADD COLUMN key_rotated_at timestamptz;
ALTER TABLE devices ADD CONSTRAINT devices_previous_key_complete
    CHECK ((previous_key_sha256 IS NULL) = (previous_key_valid_until IS NULL));
