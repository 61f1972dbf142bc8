package io.corridor.rules.engine.section;

import com.hazelcast.internal.serialization.DataSerializerHook;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.corridor.rules.engine.RuleRef;
import io.corridor.rules.engine.site.VehicleClass;
import io.corridor.rules.engine.speed.Tolerance;
import io.corridor.rules.engine.speed.ToleranceBand;
import java.io.IOException;
import io.corridor.rules.engine.zone.TimeWindow;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Hazelcast serialization of pairing state and processors: compact hand-written binary
 * ({@link IdentifiedDataSerializable}) rather than Java serialization, which costs several times
 * more per entry-processor call. Registered on every member that has this module on its class path
 * through {@code META-INF/services/com.hazelcast.DataSerializerHook}, so no member configuration
 * needs to know about it.
 */
public final class SectionSerialization implements DataSerializerHook {

  /** This module's factory id (positive ids are free for applications). */
  public static final int FACTORY_ID = 7400;
  static final int SIGHTING = 1;
  static final int OFFENCE = 2;
  static final int JOURNEY = 3;
  static final int ADVANCE = 4;
  static final int EXPIRE = 5;
  static final int RAW_UPDATE = 6;
  static final int SIGNAL_APPEND = 7;
  static final int SIGNAL_HISTORY = 8;

  @Override
  public int getFactoryId() {
    return FACTORY_ID;
  }

  @Override
  public DataSerializableFactory createFactory() {
    return classId -> switch (classId) {
      case SIGHTING -> new Sighting();
      case OFFENCE -> new SectionOffence();
      case JOURNEY -> new Journey();
      case ADVANCE -> new AdvanceJourney();
      case EXPIRE -> new ExpireJourney();
      case RAW_UPDATE -> new RawUpdate();
      case SIGNAL_APPEND -> new io.corridor.rules.engine.signal.AppendPhase();
      case SIGNAL_HISTORY -> new io.corridor.rules.engine.signal.SignalHistory();
      default -> null;
    };
  }

  static void writeChain(ObjectDataOutput out, SectionChain chain) throws IOException {
    out.writeString(chain.rule().id());
    out.writeInt(chain.rule().version());
    out.writeString(chain.rule().type());
    out.writeInt(chain.sections().size());
    for (SectionSpec s : chain.sections()) {
      out.writeString(s.id());
      out.writeString(s.entryDevice());
      out.writeString(s.exitDevice());
      out.writeDouble(s.distanceMeters());
      writeLimits(out, s.limits());
      out.writeInt(s.periods().size());
      for (SectionSpec.Period p : s.periods()) {
        int days = 0;
        for (DayOfWeek d : p.window().days()) {
          days |= 1 << d.ordinal();
        }
        out.writeInt(days);
        out.writeLong(p.window().from().toNanoOfDay());
        out.writeLong(p.window().to().toNanoOfDay());
        writeLimits(out, p.limits());
      }
    }
    Tolerance t = chain.tolerance();
    out.writeInt(t.bands().size());
    for (ToleranceBand b : t.bands()) {
      out.writeString(b.below() == null ? null : b.below().toPlainString());
      out.writeString(b.absolute().toPlainString());
      out.writeString(b.percent().toPlainString());
      out.writeBoolean(b.sum());
    }
    out.writeInt(t.decimals());
    out.writeString(t.threshold().toPlainString());
    out.writeLong(chain.skewMillis());
    out.writeLong(chain.windowMillis());
    out.writeLong(chain.duplicateMillis());
    out.writeString(chain.zone().getId());
  }

  private static void writeLimits(ObjectDataOutput out, Map<VehicleClass, Integer> limits) throws IOException {
    out.writeInt(limits.size());
    for (Map.Entry<VehicleClass, Integer> e : limits.entrySet()) {
      out.writeInt(e.getKey().ordinal());
      out.writeInt(e.getValue());
    }
  }

  private static Map<VehicleClass, Integer> readLimits(ObjectDataInput in, VehicleClass[] classes) throws IOException {
    int l = in.readInt();
    Map<VehicleClass, Integer> limits = new EnumMap<>(VehicleClass.class);
    for (int j = 0; j < l; j++) {
      limits.put(classes[in.readInt()], in.readInt());
    }
    return Map.copyOf(limits);
  }

  static SectionChain readChain(ObjectDataInput in) throws IOException {
    RuleRef ref = new RuleRef(in.readString(), in.readInt(), in.readString());
    int n = in.readInt();
    List<SectionSpec> sections = new ArrayList<>(n);
    VehicleClass[] classes = VehicleClass.values();
    for (int i = 0; i < n; i++) {
      String id = in.readString();
      String entry = in.readString();
      String exit = in.readString();
      double distance = in.readDouble();
      Map<VehicleClass, Integer> limits = readLimits(in, classes);
      int np = in.readInt();
      List<SectionSpec.Period> periods = new ArrayList<>(np);
      for (int p = 0; p < np; p++) {
        int bits = in.readInt();
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
          if ((bits & (1 << d.ordinal())) != 0) {
            days.add(d);
          }
        }
        TimeWindow w = new TimeWindow(days, LocalTime.ofNanoOfDay(in.readLong()), LocalTime.ofNanoOfDay(in.readLong()));
        periods.add(new SectionSpec.Period(w, readLimits(in, classes)));
      }
      sections.add(new SectionSpec(id, entry, exit, distance, limits, List.copyOf(periods)));
    }
    int b = in.readInt();
    List<ToleranceBand> bands = new ArrayList<>(b);
    for (int i = 0; i < b; i++) {
      String below = in.readString();
      bands.add(new ToleranceBand(below == null ? null : new BigDecimal(below), new BigDecimal(in.readString()),
          new BigDecimal(in.readString()), in.readBoolean()));
    }
    Tolerance tolerance = new Tolerance(bands, in.readInt(), new BigDecimal(in.readString()));
    return new SectionChain(ref, sections, tolerance, in.readLong(), in.readLong(), in.readLong(), ZoneId.of(in.readString()));
  }
}
