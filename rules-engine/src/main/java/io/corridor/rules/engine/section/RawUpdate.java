package io.corridor.rules.engine.section;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.util.Map;

/**
 * The cheapest useful entry processor: reads the previous value and writes a new one. The section
 * benchmark compares pairing against it, measured in the same run on the same cluster.
 */
public final class RawUpdate implements EntryProcessor<String, Long, Long>, IdentifiedDataSerializable {

  private long value;

  /** For deserialization. */
  public RawUpdate() {}

  /** Writes {@code value}. */
  public RawUpdate(long value) {
    this.value = value;
  }

  @Override
  public Long process(Map.Entry<String, Long> entry) {
    Long previous = entry.getValue();
    entry.setValue(value);
    return previous;
  }

  @Override
  public int getFactoryId() {
    return SectionSerialization.FACTORY_ID;
  }

  @Override
  public int getClassId() {
    return SectionSerialization.RAW_UPDATE;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeLong(value);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    value = in.readLong();
  }
}
