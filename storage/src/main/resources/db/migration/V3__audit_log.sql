-- Append-only, hash-chained record of every access to personal data (who, what, when, how much).
-- Each row's hash covers the previous row's hash, so changing or removing a row breaks the chain.
CREATE TABLE audit_log (
    seq          bigint PRIMARY KEY,
    at           timestamptz NOT NULL,
    actor        text NOT NULL,
    role         text NOT NULL,
    action       text NOT NULL,
    target       text NOT NULL,
    records      integer NOT NULL,
    detail       text NOT NULL,
    prev_hash    bytea NOT NULL,
    hash         bytea NOT NULL
);

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP;
END;
$$;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
