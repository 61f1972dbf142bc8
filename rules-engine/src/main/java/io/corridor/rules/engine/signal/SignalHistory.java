package io.corridor.rules.engine.signal;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.corridor.rules.engine.SignalPhase;
import io.corridor.rules.engine.section.SectionSerialization;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The recent states of one signal group, oldest first, bounded: enough to answer "what did the
 * signal show when the vehicle crossed the stop line" for a read that arrives a little late.
 */
public final class SignalHistory implements IdentifiedDataSerializable {

  /** Phases kept per signal group (a cycle is four to six phases). */
  public static final int MAX_PHASES = 24;

  private final List<SignalPhase.State> states = new ArrayList<>();
  private final List<Long> since = new ArrayList<>();

  /** An empty history. */
  public SignalHistory() {}

  /** This history with {@code phase} added in time order (a repeated phase is ignored). */
  public SignalHistory with(SignalPhase.State state, long sinceMillis) {
    SignalHistory next = new SignalHistory();
    List<long[]> all = new ArrayList<>();
    for (int i = 0; i < states.size(); i++) {
      if (since.get(i) == sinceMillis && states.get(i) == state) {
        return this;
      }
      all.add(new long[] {states.get(i).ordinal(), since.get(i)});
    }
    all.add(new long[] {state.ordinal(), sinceMillis});
    all.sort(Comparator.comparingLong(a -> a[1]));
    for (long[] p : all.subList(Math.max(0, all.size() - MAX_PHASES), all.size())) {
      next.states.add(SignalPhase.State.values()[(int) p[0]]);
      next.since.add(p[1]);
    }
    return next;
  }

  /**
   * The signal's state at {@code atMillis}: the index of the phase in force, or -1 when the
   * history does not reach back that far.
   */
  public int phaseAt(long atMillis) {
    int found = -1;
    for (int i = 0; i < since.size(); i++) {
      if (since.get(i) <= atMillis) {
        found = i;
      }
    }
    return found;
  }

  /** State of phase {@code i}. */
  public SignalPhase.State state(int i) {
    return states.get(i);
  }

  /** Start of phase {@code i}, epoch ms. */
  public long since(int i) {
    return since.get(i);
  }

  /** Number of phases held. */
  public int size() {
    return states.size();
  }

  @Override
  public int getFactoryId() {
    return SectionSerialization.FACTORY_ID;
  }

  @Override
  public int getClassId() {
    return 8;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeInt(states.size());
    for (int i = 0; i < states.size(); i++) {
      out.writeByte(states.get(i).ordinal());
      out.writeLong(since.get(i));
    }
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      states.add(SignalPhase.State.values()[in.readByte()]);
      since.add(in.readLong());
    }
  }
}
