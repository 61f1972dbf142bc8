package io.corridor.rules.engine.section;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Map;

/**
 * Decides journeys whose pairing window has passed (in event time, at {@code nowMillis}). With
 * {@code remove} false it only reports what is due (so the caller can store it first); with
 * {@code remove} true it deletes what is due. Run over every entry by the periodic sweep.
 */
public final class ExpireJourney implements EntryProcessor<String, Journey, ArrayList<SectionOffence>>,
    IdentifiedDataSerializable {

  private long nowMillis;
  private boolean remove;

  /** For deserialization. */
  public ExpireJourney() {}

  /** Reports (or removes, with {@code remove}) the journeys due at {@code nowMillis}. */
  public ExpireJourney(long nowMillis, boolean remove) {
    this.nowMillis = nowMillis;
    this.remove = remove;
  }

  @Override
  public ArrayList<SectionOffence> process(Map.Entry<String, Journey> entry) {
    SectionChain.Advance step = SectionChain.expire(entry.getValue(), nowMillis);
    if (step == null) {
      return null;
    }
    if (remove) {
      entry.setValue(null);
    }
    return step.report().isEmpty() ? null : new ArrayList<>(step.report());
  }

  @Override
  public EntryProcessor<String, Journey, ArrayList<SectionOffence>> getBackupProcessor() {
    return remove ? this : null;
  }

  @Override
  public int getFactoryId() {
    return SectionSerialization.FACTORY_ID;
  }

  @Override
  public int getClassId() {
    return SectionSerialization.EXPIRE;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeLong(nowMillis);
    out.writeBoolean(remove);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    nowMillis = in.readLong();
    remove = in.readBoolean();
  }
}
