package io.corridor.rules.engine.section;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The pairing state of one plate on one section rule: the sightings not yet paired (in time order),
 * the worst offence of the journey so far, and the read ids already handled (so that evaluating a
 * read again after a crash changes nothing). A decided journey (an offence found at the end of the
 * chain) stays as a tombstone until {@link #decideAtMillis()} so a re-run answers the same offence;
 * a journey without an offence is never kept once decided.
 */
public final class Journey implements IdentifiedDataSerializable {

  /** Read ids remembered for idempotency; a journey over more sections than this is implausible. */
  static final int MAX_SEEN = 32;

  private List<Sighting> sightings;
  private List<String> seen;
  private SectionOffence worst;
  private boolean decided;
  private long decideAtMillis;

  /** For deserialization. */
  public Journey() {}

  Journey(List<Sighting> sightings, List<String> seen, SectionOffence worst, boolean decided, long decideAtMillis) {
    this.sightings = List.copyOf(sightings);
    this.seen = List.copyOf(seen.size() > MAX_SEEN ? seen.subList(seen.size() - MAX_SEEN, seen.size()) : seen);
    this.worst = worst;
    this.decided = decided;
    this.decideAtMillis = decideAtMillis;
  }

  /** Unpaired sightings, in time order. */
  public List<Sighting> sightings() { return sightings; }

  /** Read ids already handled. */
  public List<String> seen() { return seen; }

  /** The worst offence of the journey so far, or {@code null}. */
  public SectionOffence worst() { return worst; }

  /** Whether the journey ended with {@link #worst()} reported (a tombstone kept for re-runs). */
  public boolean decided() { return decided; }

  /** When (event time) an undecided journey times out, or a tombstone may go. */
  public long decideAtMillis() { return decideAtMillis; }

  @Override
  public int getFactoryId() {
    return SectionSerialization.FACTORY_ID;
  }

  @Override
  public int getClassId() {
    return SectionSerialization.JOURNEY;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeInt(sightings.size());
    for (Sighting s : sightings) {
      s.writeData(out);
    }
    out.writeStringArray(seen.toArray(String[]::new));
    out.writeObject(worst);
    out.writeBoolean(decided);
    out.writeLong(decideAtMillis);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    int n = in.readInt();
    List<Sighting> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Sighting s = new Sighting();
      s.readData(in);
      list.add(s);
    }
    sightings = List.copyOf(list);
    seen = List.of(in.readStringArray());
    worst = in.readObject();
    decided = in.readBoolean();
    decideAtMillis = in.readLong();
  }
}
