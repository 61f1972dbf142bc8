package io.corridor.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.events.Alert;
import io.corridor.events.Severity;
import io.corridor.storage.PlateProtector;
import io.corridor.testkit.Reads;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HotlistFuzzyTest {

  static final Instant SEEN = Instant.parse("2026-11-23T10:15:30Z");

  final PlateProtector protector = new PlateProtector(key(1), key(2));
  final Hotlist hotlist = new Hotlist();
  final HotlistRule rule = new HotlistRule(hotlist, protector, Clock.fixed(SEEN, ZoneOffset.UTC));

  static byte[] key(int b) {
    byte[] k = new byte[32];
    Arrays.fill(k, (byte) b);
    return k;
  }

  /** What HotlistRepository stores for an entry: its hash and the hashes of its folded forms. */
  void list(String id, String plate, Severity severity, Instant expires) {
    List<HotlistEntry> entries = new ArrayList<>();
    List<Hotlist.Variant> variants = new ArrayList<>();
    entries.add(new HotlistEntry(id, protector.hash(plate), "stolen", severity, expires));
    String folded = PlateVariants.fold(plate);
    variants.add(new Hotlist.Variant(id, protector.hash(folded), Hotlist.Kind.CONFUSABLE));
    PlateVariants.deletions(folded).forEach(d -> variants.add(new Hotlist.Variant(id, protector.hash(d), Hotlist.Kind.MISSING)));
    hotlist.replace(entries, variants);
  }

  List<Alert> read(String plate) {
    return rule.evaluate(Reads.read("cam-1", plate, SEEN).build());
  }

  @BeforeEach
  void setUp() {
    list("h-1", "OB1234S", Severity.CRITICAL, null);
  }

  @Test
  void exactMatchKeepsTheEntrysSeverity() {
    assertThat(read("OB1234S")).singleElement().satisfies(a -> {
      assertThat(a.getSeverity()).isEqualTo(Severity.CRITICAL);
      assertThat(a.getReason()).startsWith("hotlist entry h-1");
    });
  }

  @Test
  void confusableCharactersMatchWithLowerSeverity() {
    for (String misread : List.of("0B1234S", "O81234S", "OBI234S", "OB1Z34S", "0812345")) {
      assertThat(read(misread)).as(misread).singleElement().satisfies(a -> {
        assertThat(a.getSeverity()).isEqualTo(Severity.WARNING);
        assertThat(a.getReason()).startsWith("possible match");
      });
    }
  }

  @Test
  void oneMissingOrExtraCharacterMatches() {
    assertThat(read("OB124S")).as("missing").hasSize(1);
    assertThat(read("OB12345S")).as("extra").hasSize(1);
    assertThat(read("0B12345S")).as("extra and confusable").hasSize(1);
  }

  @Test
  void twoEditsOrOtherCharactersDoNotMatch() {
    assertThat(read("OB12S")).isEmpty();
    assertThat(read("OB1234T")).isEmpty();
    assertThat(read("XB1234S")).isEmpty();
  }

  @Test
  void expiredEntriesNoLongerMatchFuzzily() {
    list("h-2", "KS999AA", Severity.WARNING, SEEN.minusSeconds(1));
    assertThat(read("KS999AA")).isEmpty();
    assertThat(read("K5999AA")).isEmpty();
  }

  @Test
  void lowerSeverityOfAWarningIsInfo() {
    list("h-3", "KS999AA", Severity.WARNING, null);
    assertThat(read("K5999AA")).singleElement().satisfies(a -> assertThat(a.getSeverity()).isEqualTo(Severity.INFO));
  }
}
