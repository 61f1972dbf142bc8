package io.corridor.ingest.openalpr;

import io.corridor.anpr.PlateCandidate;
import io.corridor.anpr.Point;
import io.corridor.events.GeoPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One message an OpenALPR / Rekor Scout agent posts to its webhook, as {@link OpenAlprWebhookDecoder}
 * reads it. Only what Corridor keeps is here; the agent's vehicle attributes (make, colour) are not.
 */
public sealed interface OpenAlprMessage {

  /** The agent's {@code data_type}. */
  String dataType();

  /**
   * The message's {@code agent_uid}: the agent installation that sent it (also the first part of
   * its frame uuids), whose {@code camera_id} numbers the message's camera; null when absent.
   */
  String agentUid();

  /**
   * One plate as the agent read it.
   *
   * @param candidates readings best first, confidence scaled to 0..1, text as the agent sent it
   * @param corners the plate's four corners in the agent's frame, or empty
   * @param region the agent's region code ("ca", "de"), or null
   * @param matchesTemplate whether the agent matched its best reading to a region template
   * @param crop the plate crop (JPEG), or null when the agent sent none
   */
  record Plate(List<PlateCandidate> candidates, List<Point> corners, String region, double regionConfidence,
      boolean matchesTemplate, Duration processingTime, byte[] crop) {

    /** Copies the lists. */
    public Plate {
      candidates = List.copyOf(candidates);
      corners = List.copyOf(corners);
    }
  }

  /**
   * {@code alpr_group}: one vehicle seen over several frames.
   *
   * @param key what identifies the group at the agent: its first frame's uuid (stable between a
   *     preview and the final group), else its best frame's
   * @param seenAt when the best frame was taken ({@code best_uuid_epoch_ms}, else {@code epoch_start})
   * @param agentCountry the agent's country setting ("eu", "us"), lower case, or null
   * @param location GPS position, or null when the agent has none (it sends 0, 0)
   * @param vehicleCrop the vehicle crop (JPEG), or null
   * @param preview whether this is an early group that the agent sends again when it closes
   * @param cameraNumber the agent's {@code camera_id} for the camera, -1 when the message has none
   */
  record Group(String key, List<String> frameUuids, Instant start, Instant end, Instant seenAt, long cameraNumber,
      String agentCountry, GeoPoint location, Plate best, byte[] vehicleCrop, boolean preview, String agentUid)
      implements OpenAlprMessage {

    /** Copies the frame uuids. */
    public Group {
      frameUuids = List.copyOf(frameUuids);
    }

    @Override
    public String dataType() {
      return "alpr_group";
    }
  }

  /**
   * {@code alpr_results}: the plates of one frame.
   *
   * @param uuid the frame's uuid at the agent
   * @param cameraNumber the agent's {@code camera_id} for the camera, -1 when the message has none
   */
  record Frame(String uuid, Instant takenAt, long cameraNumber, String agentCountry, Duration processingTime,
      List<Plate> plates, String agentUid) implements OpenAlprMessage {

    /** Copies the plates. */
    public Frame {
      plates = List.copyOf(plates);
    }

    @Override
    public String dataType() {
      return "alpr_results";
    }
  }

  /** A message Corridor accepts and does not store ({@code alpr_alert}, {@code vehicle}, {@code heartbeat}). */
  record Ignored(String dataType) implements OpenAlprMessage {
    @Override
    public String agentUid() {
      return null;
    }
  }
}
