-- An OpenALPR / Rekor Scout agent names itself in every message it posts (agent_uid, the id of the
-- agent installation, also the first part of its frame uuids); its camera_id numbers are its own.
-- An agent device records the agent_uid it was registered for, so a post from another agent
-- installation configured with this agent's key is refused rather than stored under this agent's
-- cameras by a camera_id that means another camera there. One agent_uid belongs to one device.
ALTER TABLE devices ADD COLUMN agent_uid text;
ALTER TABLE devices ADD CONSTRAINT devices_agent_uid_of_agent CHECK (agent_uid IS NULL OR kind = 'agent');
CREATE UNIQUE INDEX devices_agent_uids ON devices (agent_uid) WHERE agent_uid IS NOT NULL;
