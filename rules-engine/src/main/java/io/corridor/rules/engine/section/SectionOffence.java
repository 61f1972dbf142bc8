package io.corridor.rules.engine.section;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;

/**
 * An average-speed offence over one section: the pair of sightings and the numbers a ticket shows.
 * Within one journey over chained sections only the worst (largest overshoot) is kept.
 */
public final class SectionOffence implements IdentifiedDataSerializable {

  private String ruleId;
  private int ruleVersion;
  private String sectionId;
  private double distanceMeters;
  private long skewMillis;
  private Sighting entry;
  private Sighting exit;
  private double measured;
  private double tolerance;
  private double retained;
  private double limit;

  /** For deserialization. */
  public SectionOffence() {}

  /** All numbers in km/h except distance (m) and skew (ms). */
  public SectionOffence(String ruleId, int ruleVersion, String sectionId, double distanceMeters, long skewMillis,
      Sighting entry, Sighting exit, double measured, double tolerance, double retained, double limit) {
    this.ruleId = ruleId;
    this.ruleVersion = ruleVersion;
    this.sectionId = sectionId;
    this.distanceMeters = distanceMeters;
    this.skewMillis = skewMillis;
    this.entry = entry;
    this.exit = exit;
    this.measured = measured;
    this.tolerance = tolerance;
    this.retained = retained;
    this.limit = limit;
  }

  public String ruleId() { return ruleId; }

  public int ruleVersion() { return ruleVersion; }

  public String sectionId() { return sectionId; }

  public double distanceMeters() { return distanceMeters; }

  public long skewMillis() { return skewMillis; }

  public Sighting entry() { return entry; }

  public Sighting exit() { return exit; }

  /** Average speed over the section, after the clock-skew allowance, before the tolerance. */
  public double measured() { return measured; }

  public double tolerance() { return tolerance; }

  public double retained() { return retained; }

  public double limit() { return limit; }

  /** By how much the retained average exceeds the limit. */
  public double overshoot() {
    return retained - limit;
  }

  @Override
  public int getFactoryId() {
    return SectionSerialization.FACTORY_ID;
  }

  @Override
  public int getClassId() {
    return SectionSerialization.OFFENCE;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeString(ruleId);
    out.writeInt(ruleVersion);
    out.writeString(sectionId);
    out.writeDouble(distanceMeters);
    out.writeLong(skewMillis);
    out.writeObject(entry);
    out.writeObject(exit);
    out.writeDouble(measured);
    out.writeDouble(tolerance);
    out.writeDouble(retained);
    out.writeDouble(limit);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    ruleId = in.readString();
    ruleVersion = in.readInt();
    sectionId = in.readString();
    distanceMeters = in.readDouble();
    skewMillis = in.readLong();
    entry = in.readObject();
    exit = in.readObject();
    measured = in.readDouble();
    tolerance = in.readDouble();
    retained = in.readDouble();
    limit = in.readDouble();
  }
}
