package io.corridor.tracking.osmand;

import io.corridor.events.Position;
import java.util.List;

/**
 * What one OsmAnd/Traccar request carried.
 *
 * @param deviceId the tracker's id ({@code id}, {@code deviceid} or {@code device_id})
 * @param key the tracker's key parameter, or {@code null} when it sent none
 * @param positions the fixes, in the order sent (the JSON form may carry several)
 */
public record OsmAndMessage(String deviceId, String key, List<Position> positions) {}
