-- Cargo alerts left open on shipments that had already arrived, closed or been cancelled. Until the
-- monitor started again after a whole-cluster stop continued the alerts stored open, and a
-- shipment's end closed every alert still stored open (docs/architecture.md, "A cluster restarted
-- whole"), such an alert stayed open for good. Each is closed at its shipment's last step, with the
-- stream event a close records (numbered under the writers' advisory lock, as CargoAlertRepository does).
SELECT pg_advisory_xact_lock(x'636172676f657674'::bigint);

WITH closed AS (
    UPDATE cargo_alerts a
       SET closed_at = greatest(s.updated_at, a.opened_at)
      FROM shipments s
     WHERE a.shipment_id = s.shipment_id
       AND a.closed_at IS NULL
       AND s.state IN ('arrived', 'closed', 'cancelled')
 RETURNING a.alert_id)
INSERT INTO cargo_alert_events (alert_id, change, at)
SELECT alert_id, 'closed', now() FROM closed;
