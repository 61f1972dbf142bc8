-- Drone telemetry names the mission the drone flies (DroneTelemetry schema v2).
ALTER TABLE drone_telemetry ADD COLUMN mission_id text;
