package io.corridor.ingest;

import io.corridor.platform.devices.DeviceRegistry;

import io.corridor.platform.devices.Device;

import io.corridor.events.EventIds;
import io.corridor.events.GeoPoint;
import io.corridor.events.PlateRead;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks each read's values and normalises its plate. A batch is accepted or refused whole, so the
 * edge never has to work out which half was stored; the error names the first bad field.
 */
public final class ReadValidator {

  private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
  private static final Pattern FRAME_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  private final DeviceRegistry devices;
  private final Clock clock;
  private final EventTimeWindow window;

  /** Validates against the device registry, with the given clock skew and maximum age. */
  public ReadValidator(DeviceRegistry devices, Clock clock, Duration clockSkew, Duration maxAge) {
    this.devices = devices;
    this.clock = clock;
    this.window = new EventTimeWindow(clockSkew, maxAge);
  }

  /**
   * Validates every read sent by {@code sender}, normalises plates and stamps the received time.
   *
   * @throws IngestException 400 naming the field, or 403 when a read claims another device
   */
  public void validate(List<PlateRead> reads, Device sender) {
    Instant now = clock.instant();
    for (int i = 0; i < reads.size(); i++) {
      String at = reads.size() == 1 ? "" : "reads[" + i + "].";
      validateOne(reads.get(i), at, sender, now);
    }
  }

  private void validateOne(PlateRead read, String at, Device sender, Instant now) {
    try {
      read.setEventId(EventIds.parse(read.getEventId()).toString());
    } catch (IllegalArgumentException e) {
      throw IngestException.invalid(at + "eventId", "must be a UUID chosen at the edge; got '" + read.getEventId() + "'");
    }
    Device device = devices.find(read.getDeviceId())
        .orElseThrow(() -> IngestException.invalid(at + "deviceId", "unknown camera '" + read.getDeviceId() + "'"));
    if (!device.id().equals(sender.id())) {
      throw new IngestException(403, "forbidden", at + "deviceId",
          "device '" + sender.id() + "' may not send reads for '" + device.id() + "'");
    }
    if (!device.readsPlates()) {
      throw IngestException.invalid(at + "deviceId", "device '" + device.id() + "' is a " + device.kind() + ", not a camera or drone");
    }
    Instant eventTime = read.getEventTime();
    window.check(eventTime, now, at + "eventTime");
    String plate = PlateText.normalize(read.getPlate());
    if (!PlateText.isValid(plate)) {
      throw IngestException.invalid(at + "plate", "'" + read.getPlate()
          + "' must be 2 to 12 characters from A-Z, 0-9, Č Ć Đ Š Ž (separators are removed)");
    }
    read.setPlate(plate);
    float confidence = read.getConfidence();
    if (!(confidence >= 0f && confidence <= 1f)) {
      throw IngestException.invalid(at + "confidence", "must be between 0 and 1; got " + confidence);
    }
    if (read.getCountry() != null && !COUNTRY.matcher(read.getCountry()).matches()) {
      throw IngestException.invalid(at + "country", "must be an ISO 3166-1 alpha-2 code such as XK or RS");
    }
    GeoPoint location = read.getLocation();
    if (location != null && (!(Math.abs(location.getLat()) <= 90) || !(Math.abs(location.getLon()) <= 180))) {
      throw IngestException.invalid(at + "location", "latitude must be within ±90 and longitude within ±180");
    }
    if (read.getLane() != null && (read.getLane() < 0 || read.getLane() > 16)) {
      throw IngestException.invalid(at + "lane", "must be between 0 and 16");
    }
    if (read.getSpeedKmh() != null && !(read.getSpeedKmh() >= 0 && read.getSpeedKmh() <= 400)) {
      throw IngestException.invalid(at + "speedKmh", "must be between 0 and 400");
    }
    for (String frameId : read.getFrameIds()) {
      if (!FRAME_ID.matcher(frameId).matches()) {
        throw IngestException.invalid(at + "frameIds", "frame ids must be 1-64 of A-Z a-z 0-9 . _ : -");
      }
    }
    read.setReceivedTime(now);
  }
}
