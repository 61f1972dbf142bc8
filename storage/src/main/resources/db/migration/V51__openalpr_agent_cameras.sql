-- An OpenALPR / Rekor Scout agent serves several cameras and posts all of them through one webhook
-- with one set of headers. The agent is a device of its own (kind 'agent', with its key); each of
-- its cameras is a camera device naming the agent and the agent's number for it (the messages'
-- camera_id), so a post with the agent's key is stored under the camera its camera_id maps to, and
-- refused when it maps to none. One agent cannot name two devices for one camera_id.
ALTER TABLE devices DROP CONSTRAINT devices_kind_check;
ALTER TABLE devices ADD CONSTRAINT devices_kind_check
    CHECK (kind IN ('camera', 'drone', 'tracker', 'controller', 'agent'));
ALTER TABLE devices ADD COLUMN agent_id text REFERENCES devices (device_id);
ALTER TABLE devices ADD COLUMN agent_camera_id bigint;
ALTER TABLE devices ADD CONSTRAINT devices_agent_camera_complete
    CHECK ((agent_id IS NULL) = (agent_camera_id IS NULL) AND (agent_id IS NULL OR kind = 'camera'));
CREATE UNIQUE INDEX devices_agent_cameras ON devices (agent_id, agent_camera_id) WHERE agent_id IS NOT NULL;
