package io.corridor.rules.engine.signal;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.ExtendedMapEntry;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.corridor.rules.engine.SignalPhase;
import io.corridor.rules.engine.section.SectionSerialization;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Adds a phase to a signal group's history on the key's owner; the history lives an hour after its last change. */
public final class AppendPhase implements EntryProcessor<String, SignalHistory, Void>, IdentifiedDataSerializable {

  /** How long a silent signal group's history is kept. */
  static final long TTL_MILLIS = TimeUnit.HOURS.toMillis(1);

  private SignalPhase.State state;
  private long sinceMillis;

  /** For deserialization. */
  public AppendPhase() {}

  /** Appends {@code state} starting at {@code sinceMillis}. */
  public AppendPhase(SignalPhase.State state, long sinceMillis) {
    this.state = state;
    this.sinceMillis = sinceMillis;
  }

  @Override
  public Void process(Map.Entry<String, SignalHistory> entry) {
    SignalHistory current = entry.getValue() == null ? new SignalHistory() : entry.getValue();
    ((ExtendedMapEntry<String, SignalHistory>) entry).setValue(current.with(state, sinceMillis), TTL_MILLIS,
        TimeUnit.MILLISECONDS);
    return null;
  }

  @Override
  public int getFactoryId() {
    return SectionSerialization.FACTORY_ID;
  }

  @Override
  public int getClassId() {
    return 7;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeByte(state.ordinal());
    out.writeLong(sinceMillis);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    state = SignalPhase.State.values()[in.readByte()];
    sinceMillis = in.readLong();
  }
}
