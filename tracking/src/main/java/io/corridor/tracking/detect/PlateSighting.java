package io.corridor.tracking.detect;

import java.io.Serializable;
import java.time.Instant;

/**
 * A committed ANPR read of a shipment's truck plate, matched by blind index, never by clear text.
 *
 * @param readId the read's event id
 * @param cameraId the camera that read it
 * @param time when the camera saw it
 * @param at where the camera stands (or the drone was)
 */
public record PlateSighting(String readId, String cameraId, Instant time, LatLon at) implements Serializable {}
