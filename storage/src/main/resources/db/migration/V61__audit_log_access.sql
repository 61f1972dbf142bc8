-- EU 2016/680 Art. 25: a consultation or disclosure records the warrant it was made under, the
-- justification, the query parameters and the ids of the records returned. Rows written before
-- this migration have these columns NULL and keep their hash (AuditLog hashes them only when set).
-- ADD COLUMN without a default rewrites no row, so the append-only triggers are not involved.
ALTER TABLE audit_log
    ADD COLUMN warrant_id    text,
    ADD COLUMN justification text,
    ADD COLUMN params        text,
    ADD COLUMN record_ids    text[];

CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_actor ON audit_log (actor, seq);
CREATE INDEX audit_log_warrant ON audit_log (warrant_id, seq) WHERE warrant_id IS NOT NULL;
