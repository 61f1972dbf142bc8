package io.corridor.rules.engine.section;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.ExtendedMapEntry;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Adds one sighting to a plate's journey on the member that owns the key, atomically, and returns
 * the offences to report (usually none). The same deterministic step runs on the backup copy, so a
 * member that dies loses no pairing state. A journey without an offence is deleted when decided.
 */
public final class AdvanceJourney implements EntryProcessor<String, Journey, ArrayList<SectionOffence>>,
    IdentifiedDataSerializable {

  private SectionChain chain;
  private Sighting sighting;

  /** For deserialization. */
  public AdvanceJourney() {}

  /** Adds {@code sighting} under {@code chain}. */
  public AdvanceJourney(SectionChain chain, Sighting sighting) {
    this.chain = chain;
    this.sighting = sighting;
  }

  @Override
  public ArrayList<SectionOffence> process(Map.Entry<String, Journey> entry) {
    SectionChain.Advance step = chain.advance(entry.getValue(), sighting);
    if (step.next() == null) {
      entry.setValue(null);
    } else if (step.next() != entry.getValue()) {
      // Time to live is a safety net measured in wall-clock time; the pairing window itself is
      // decided in event time by the sweep. Twice the window leaves the sweep room to report.
      ((ExtendedMapEntry<String, Journey>) entry).setValue(step.next(), 2 * chain.windowMillis() + chain.skewMillis(),
          TimeUnit.MILLISECONDS);
    }
    return new ArrayList<>(step.report());
  }

  @Override
  public int getFactoryId() {
    return SectionSerialization.FACTORY_ID;
  }

  @Override
  public int getClassId() {
    return SectionSerialization.ADVANCE;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeByteArray(SectionSerialization.encode(chain));
    sighting.writeData(out);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    chain = SectionSerialization.decode(in.readByteArray());
    sighting = new Sighting();
    sighting.readData(in);
  }
}
