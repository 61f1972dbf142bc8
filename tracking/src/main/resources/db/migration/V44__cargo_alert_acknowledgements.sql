-- A customs officer's acknowledgement of a cargo alert: who took it on, when, and what was done
-- (driver called, patrol sent). Once per alert. It does not close the episode, which still clears
-- only when the shipment behaves again; it is an event of the alert stream like a raise or a close,
-- so every console sees that someone has it. Audited (shipments.alerts.acknowledge). The note must
-- not name the shipment's plates (checked before it is stored); it goes with its alert (retention).
ALTER TABLE cargo_alerts
    ADD COLUMN acknowledged_at timestamptz,
    ADD COLUMN acknowledged_by text,
    ADD COLUMN acknowledgement text;
ALTER TABLE cargo_alert_events DROP CONSTRAINT cargo_alert_events_change_check;
ALTER TABLE cargo_alert_events ADD CONSTRAINT cargo_alert_events_change_check
    CHECK (change IN ('raised', 'closed', 'acknowledged'));
