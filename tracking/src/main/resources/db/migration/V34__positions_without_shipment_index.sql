-- positions_shipment_time (V2: shipment_id, event_time) is read by no query: a shipment's track, its
-- retention and the cargo outbox's claims find positions by tracker (positions_device_time) or by key
-- (the primary key), since a tracker's fixes carry no shipment id. It was maintained on every stored
-- fix; dropping the partitioned index drops it on every partition (or hypertable chunk).
DROP INDEX IF EXISTS positions_shipment_time;
