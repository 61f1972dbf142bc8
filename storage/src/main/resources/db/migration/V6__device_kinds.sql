-- Junction controllers report signal phases for red-light enforcement; they are devices like cameras.
ALTER TABLE devices DROP CONSTRAINT devices_kind_check;
ALTER TABLE devices ADD CONSTRAINT devices_kind_check CHECK (kind IN ('camera', 'drone', 'tracker', 'controller'));
