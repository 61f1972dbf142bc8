-- Rules engine (V20-V29): camera sites, versioned rule documents, vehicle registry, permits,
-- fuzzy hotlist variants. Plates only as blind index (HMAC) and, where they must be shown again,
-- ciphertext.

-- One row per camera site; the document is the site JSON as an operator wrote it. Purpose decides
-- read retention: enforcement sites keep only reads that led to a violation.
CREATE TABLE camera_sites (
    site_id                  text PRIMARY KEY CHECK (site_id ~ '^[A-Za-z0-9._-]{1,64}$'),
    device_id                text NOT NULL UNIQUE,
    purpose                  text NOT NULL CHECK (purpose IN ('network', 'enforcement')),
    measurement              text NOT NULL,
    calibration_certificate  text,
    calibration_valid_until  date,
    version                  integer NOT NULL CHECK (version > 0),
    document                 text NOT NULL,
    updated_by               text NOT NULL,
    updated_at               timestamptz NOT NULL DEFAULT now()
);

-- Every version of every rule document is kept: a violation names the rule id and version it was
-- found under, and a reviewer or court may ask what that version said.
CREATE TABLE rule_documents (
    rule_id     text NOT NULL,
    version     integer NOT NULL CHECK (version > 0),
    rule_type   text NOT NULL,
    document    text NOT NULL,
    updated_by  text NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (rule_id, version)
);

-- The vehicle registry as last imported by an operator (CSV).
CREATE TABLE vehicle_registry (
    plate_hash        bytea PRIMARY KEY,
    plate_ct          bytea NOT NULL,
    vehicle_class     text,
    euro_class        smallint CHECK (euro_class BETWEEN 0 AND 7),
    insured_until     date,
    registered_until  date,
    imported_by       text NOT NULL,
    imported_at       timestamptz NOT NULL DEFAULT now()
);

-- Permit lists exempting vehicles from zone and lane restrictions.
CREATE TABLE zone_permits (
    list_id      text NOT NULL,
    plate_hash   bytea NOT NULL,
    valid_until  date,
    added_by     text NOT NULL,
    added_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (list_id, plate_hash)
);

-- Blind indexes of OCR-confusable forms of hotlisted plates, computed when the entry is added
-- (the clear plate is not kept): 'confusable' = the plate with O/0, I/1, B/8, S/5, Z/2 folded;
-- 'missing' = that form with one character left out.
CREATE TABLE hotlist_variants (
    entry_id      text NOT NULL REFERENCES hotlist (entry_id) ON DELETE CASCADE,
    variant_hash  bytea NOT NULL,
    kind          text NOT NULL CHECK (kind IN ('confusable', 'missing')),
    PRIMARY KEY (entry_id, variant_hash, kind)
);
CREATE INDEX hotlist_variants_hash ON hotlist_variants (variant_hash);
