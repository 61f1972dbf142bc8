-- Every change to a cargo alert (raised, closed) in the order it was committed: the ids of the
-- alert stream's events (GET /v1/cargo/alerts/stream), so a client reconnecting with
-- Last-Event-ID gets exactly what it missed. Writers take a transaction-scoped advisory lock
-- before numbering, so seq order is commit order. Deleted with their alert (retention).
CREATE TABLE cargo_alert_events (
    seq      bigserial PRIMARY KEY,
    alert_id uuid NOT NULL REFERENCES cargo_alerts (alert_id) ON DELETE CASCADE,
    change   text NOT NULL CHECK (change IN ('raised', 'closed')),
    at       timestamptz NOT NULL
);
CREATE INDEX cargo_alert_events_alert ON cargo_alert_events (alert_id);
