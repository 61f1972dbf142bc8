package io.corridor.api.devices;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * What an operator sees of a device: never its key or key digest.
 *
 * @param id device id
 * @param kind camera, drone, tracker, controller or agent
 * @param name human-readable name
 * @param lat latitude, or {@code null}
 * @param lon longitude, or {@code null}
 * @param status active or revoked
 * @param createdAt when it was registered
 * @param keyRotatedAt when its key was last rotated, or {@code null}
 * @param previousKeyValidUntil until when the key before the last rotation is accepted, or {@code null}
 * @param revokedAt when it was revoked, or {@code null}
 * @param agent the OpenALPR agent device serving this camera, or {@code null}
 * @param agentCameraId the agent's {@code camera_id} for this camera, or {@code null}
 * @param agentUid for an agent device: the {@code agent_uid} of its agent installation, or {@code null}
 */
public record DeviceView(String id, String kind, String name, Double lat, Double lon, String status, Instant createdAt,
    Instant keyRotatedAt, Instant previousKeyValidUntil, Instant revokedAt, String agent, Long agentCameraId,
    String agentUid) {

  /** The JSON of {@code GET /v1/devices}. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("id", id).put("kind", kind).put("name", name).put("status", status)
        .put("createdAt", createdAt.toString());
    if (lat != null) {
      json.put("lat", lat).put("lon", lon);
    }
    put(json, "keyRotatedAt", keyRotatedAt);
    put(json, "previousKeyValidUntil", previousKeyValidUntil);
    put(json, "revokedAt", revokedAt);
    if (agent != null) {
      json.put("agent", agent).put("agentCameraId", agentCameraId);
    }
    if (agentUid != null) {
      json.put("agentUid", agentUid);
    }
    return json;
  }

  private static void put(JsonObject json, String field, Instant value) {
    if (value != null) {
      json.put(field, value.toString());
    }
  }
}
