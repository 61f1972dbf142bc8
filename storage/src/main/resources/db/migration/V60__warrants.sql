-- Warrants: the only way an analyst may consult vehicle movements. Plates in a warrant's scope are
-- held as the same keyed blind index as plate_reads (for the scope check) and as ciphertext (to
-- show the warrant to its requester and approvers); never in clear.
CREATE TABLE warrants (
    warrant_id        uuid PRIMARY KEY,
    case_id           text NOT NULL,
    legal_basis       text NOT NULL,
    purpose           text NOT NULL,
    requested_by      text NOT NULL,
    requested_at      timestamptz NOT NULL,
    window_from       timestamptz NOT NULL,
    window_to         timestamptz NOT NULL CHECK (window_to > window_from),
    expires_at        timestamptz NOT NULL,
    cameras           text[] NOT NULL DEFAULT '{}',
    area              text,
    approvals_needed  smallint NOT NULL CHECK (approvals_needed IN (1, 2)),
    state             text NOT NULL,
    version           integer NOT NULL DEFAULT 0
);
CREATE INDEX warrants_requested_by ON warrants (requested_by, requested_at);
CREATE INDEX warrants_case ON warrants (case_id);

CREATE TABLE warrant_plates (
    warrant_id  uuid NOT NULL REFERENCES warrants (warrant_id),
    plate_hash  bytea NOT NULL,
    plate_ct    bytea NOT NULL,
    PRIMARY KEY (warrant_id, plate_hash)
);

-- Every step of a warrant's life: who did what, in which role, when, with which note.
CREATE TABLE warrant_transitions (
    warrant_id  uuid NOT NULL REFERENCES warrants (warrant_id),
    step        integer NOT NULL,
    action      text NOT NULL,
    from_state  text,
    to_state    text NOT NULL,
    actor       text NOT NULL,
    role        text NOT NULL,
    at          timestamptz NOT NULL,
    note        text,
    PRIMARY KEY (warrant_id, step)
);
