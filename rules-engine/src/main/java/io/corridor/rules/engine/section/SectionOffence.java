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

  /** The section rule that found the offence. */
  public String ruleId() { return ruleId; }

  /** The rule version it was found under. */
  public int ruleVersion() { return ruleVersion; }

  /** The section travelled too fast. */
  public String sectionId() { return sectionId; }

  /** The section's surveyed distance. */
  public double distanceMeters() { return distanceMeters; }

  /** The clock-skew allowance added to the travel time. */
  public long skewMillis() { return skewMillis; }

  /** The read at the section's entry. */
  public Sighting entry() { return entry; }

  /** The read at the section's exit. */
  public Sighting exit() { return exit; }

  /** Average speed over the section, after the clock-skew allowance, before the tolerance. */
  public double measured() { return measured; }

  /** Tolerance deducted from the average, km/h. */
  public double tolerance() { return tolerance; }

  /** Average retained after the tolerance, km/h. */
  public double retained() { return retained; }

  /** The limit for the vehicle class at the entry time, km/h. */
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
