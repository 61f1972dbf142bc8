package io.corridor.rules.engine.section;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One read of a plate at a section camera, as pairing state keeps it: no plate text (the state is
 * keyed by the plate's blind index), only what a violation needs.
 */
public final class Sighting implements IdentifiedDataSerializable {

  private String readId;
  private String deviceId;
  private long timeMillis;
  private String vehicleClass;
  private List<String> frameIds;

  /** For deserialization. */
  public Sighting() {}

  /**
   * @param vehicleClass class code, or {@code null} when unknown
   */
  public Sighting(String readId, String deviceId, long timeMillis, String vehicleClass, List<String> frameIds) {
    this.readId = readId;
    this.deviceId = deviceId;
    this.timeMillis = timeMillis;
    this.vehicleClass = vehicleClass;
    this.frameIds = List.copyOf(frameIds);
  }

  /** The read this sighting is. */
  public String readId() { return readId; }

  /** The camera that read the plate. */
  public String deviceId() { return deviceId; }

  /** When the camera saw the plate (device clock), epoch ms. */
  public long timeMillis() { return timeMillis; }

  /** Class code ({@code car}, {@code hgv>3.5t}) or {@code null}. */
  public String vehicleClass() { return vehicleClass; }

  /** The frames the read was recognised from (evidence). */
  public List<String> frameIds() { return frameIds; }

  @Override
  public int getFactoryId() {
    return SectionSerialization.FACTORY_ID;
  }

  @Override
  public int getClassId() {
    return SectionSerialization.SIGHTING;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeString(readId);
    out.writeString(deviceId);
    out.writeLong(timeMillis);
    out.writeString(vehicleClass);
    out.writeInt(frameIds.size());
    for (String f : frameIds) {
      out.writeString(f);
    }
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    readId = in.readString();
    deviceId = in.readString();
    timeMillis = in.readLong();
    vehicleClass = in.readString();
    int n = in.readInt();
    List<String> frames = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      frames.add(in.readString());
    }
    frameIds = List.copyOf(frames);
  }

  @Override
  public String toString() {
    return "Sighting[" + readId + " at " + deviceId + " " + timeMillis + "]";
  }
}
