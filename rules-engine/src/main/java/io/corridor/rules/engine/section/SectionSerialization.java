package io.corridor.rules.engine.section;

import com.hazelcast.internal.serialization.DataSerializerHook;
import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.corridor.rules.engine.RuleRef;
import io.corridor.rules.engine.site.VehicleClass;
import io.corridor.rules.engine.speed.Tolerance;
import io.corridor.rules.engine.speed.ToleranceBand;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
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

  /** A chain's wire form and the chain it was made from. */
  private record Encoded(SectionChain chain, byte[] bytes) {}

  private static final Map<String, Encoded> ENCODED = new ConcurrentHashMap<>();
  private static final Map<String, Encoded> DECODED = new ConcurrentHashMap<>();
  private static final int CACHE_LIMIT = 256;

  /**
   * The wire form of {@code chain}, made once per chain object: every pairing call carries its
   * rule's chain, and encoding it per call would cost more than the pairing itself.
   */
  static byte[] encode(SectionChain chain) {
    String key = chain.rule().id() + '#' + chain.rule().version();
    Encoded e = ENCODED.get(key);
    if (e != null && e.chain() == chain) {
      return e.bytes();
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try {
      writeChain(new DataOutputStream(bytes), chain);
    } catch (IOException x) {
      throw new UncheckedIOException(x);
    }
    if (ENCODED.size() > CACHE_LIMIT) {
      ENCODED.clear();
    }
    byte[] out = bytes.toByteArray();
    ENCODED.put(key, new Encoded(chain, out));
    return out;
  }

  /** The chain {@code bytes} encode; decoded once per distinct encoding on each member. */
  static SectionChain decode(byte[] bytes) throws IOException {
    String key = Arrays.hashCode(bytes) + ":" + bytes.length;
    Encoded e = DECODED.get(key);
    if (e != null && Arrays.equals(e.bytes(), bytes)) {
      return e.chain();
    }
    SectionChain chain = readChain(new DataInputStream(new ByteArrayInputStream(bytes)));
    if (DECODED.size() > CACHE_LIMIT) {
      DECODED.clear();
    }
    DECODED.put(key, new Encoded(chain, bytes));
    return chain;
  }

  private static void writeStr(DataOutput out, String s) throws IOException {
    out.writeBoolean(s != null);
    if (s != null) {
      out.writeUTF(s);
    }
  }

  private static String readStr(DataInput in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }

  private static void writeChain(DataOutput out, SectionChain chain) throws IOException {
    writeStr(out, chain.rule().id());
    out.writeInt(chain.rule().version());
    writeStr(out, chain.rule().type());
    out.writeInt(chain.sections().size());
    for (SectionSpec s : chain.sections()) {
      writeStr(out, s.id());
      writeStr(out, s.entryDevice());
      writeStr(out, s.exitDevice());
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
      writeStr(out, b.below() == null ? null : b.below().toPlainString());
      writeStr(out, b.absolute().toPlainString());
      writeStr(out, b.percent().toPlainString());
      out.writeBoolean(b.sum());
    }
    out.writeInt(t.decimals());
    writeStr(out, t.threshold().toPlainString());
    out.writeLong(chain.skewMillis());
    out.writeLong(chain.windowMillis());
    out.writeLong(chain.duplicateMillis());
    writeStr(out, chain.zone().getId());
  }

  private static void writeLimits(DataOutput out, Map<VehicleClass, Integer> limits) throws IOException {
    out.writeInt(limits.size());
    for (Map.Entry<VehicleClass, Integer> e : limits.entrySet()) {
      out.writeInt(e.getKey().ordinal());
      out.writeInt(e.getValue());
    }
  }

  private static Map<VehicleClass, Integer> readLimits(DataInput in, VehicleClass[] classes) throws IOException {
    int l = in.readInt();
    Map<VehicleClass, Integer> limits = new EnumMap<>(VehicleClass.class);
    for (int j = 0; j < l; j++) {
      limits.put(classes[in.readInt()], in.readInt());
    }
    return Map.copyOf(limits);
  }

  private static SectionChain readChain(DataInput in) throws IOException {
    RuleRef ref = new RuleRef(readStr(in), in.readInt(), readStr(in));
    int n = in.readInt();
    List<SectionSpec> sections = new ArrayList<>(n);
    VehicleClass[] classes = VehicleClass.values();
    for (int i = 0; i < n; i++) {
      String id = readStr(in);
      String entry = readStr(in);
      String exit = readStr(in);
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
      String below = readStr(in);
      bands.add(new ToleranceBand(below == null ? null : new BigDecimal(below), new BigDecimal(readStr(in)),
          new BigDecimal(readStr(in)), in.readBoolean()));
    }
    Tolerance tolerance = new Tolerance(bands, in.readInt(), new BigDecimal(readStr(in)));
    return new SectionChain(ref, sections, tolerance, in.readLong(), in.readLong(), in.readLong(), ZoneId.of(readStr(in)));
  }
}
