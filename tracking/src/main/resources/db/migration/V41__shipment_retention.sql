-- Retention of shipments (CargoRetention): when the positions of an ended shipment's trackers
-- during its journey were deleted (they are the driver's personal data and go long before the
-- customs record), and the index the retention job finds ended shipments by.
ALTER TABLE shipments ADD COLUMN positions_purged_at timestamptz;
CREATE INDEX shipments_ended ON shipments (updated_at) WHERE state IN ('closed', 'cancelled');
