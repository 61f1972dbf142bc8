package io.corridor.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.events.Alert;
import io.corridor.events.AlertKind;
import io.corridor.events.PlateRead;
import io.corridor.events.Severity;
import io.corridor.storage.PlateProtector;
import io.corridor.testkit.Reads;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class HotlistRuleTest {

  static final Instant SEEN = Instant.parse("2026-11-23T10:15:30Z");
  static final Instant NOW = SEEN.plusSeconds(2);
  static final String PLATE = "01234AB";

  static byte[] key(int b) {
    byte[] k = new byte[32];
    Arrays.fill(k, (byte) b);
    return k;
  }

  final PlateProtector protector = new PlateProtector(key(1), key(2));
  final Hotlist hotlist = new Hotlist();
  final HotlistRule rule = new HotlistRule(hotlist, protector, Clock.fixed(NOW, ZoneOffset.UTC));

  HotlistEntry entry(String id, String plate, Severity severity, Instant expiresAt) {
    return new HotlistEntry(id, protector.hash(plate), "stolen vehicle, report to dispatch", severity, expiresAt);
  }

  static PlateRead read(String plate) {
    return Reads.read("cam-prishtina-01", plate, SEEN).setReceivedTime(SEEN.plusMillis(40)).build();
  }

  @Test
  void listedPlateRaisesOneAlertDescribingTheMatch() {
    hotlist.replace(List.of(entry("h-17", PLATE, Severity.CRITICAL, null)));
    PlateRead read = read(PLATE);

    List<Alert> alerts = rule.evaluate(read);

    assertThat(alerts).hasSize(1);
    Alert a = alerts.get(0);
    assertThat(a.getKind()).isEqualTo(AlertKind.HOTLIST_MATCH);
    assertThat(a.getRuleId()).isEqualTo(HotlistRule.RULE_ID);
    assertThat(a.getSeverity()).isEqualTo(Severity.CRITICAL);
    assertThat(a.getSubjectId()).isEqualTo(read.getEventId());
    assertThat(a.getDeviceId()).isEqualTo("cam-prishtina-01");
    assertThat(a.getEventTime()).isEqualTo(SEEN);
    assertThat(a.getReceivedTime()).isEqualTo(NOW);
    assertThat(a.getReason()).contains("h-17").contains("stolen vehicle");
    assertThat(UUID.fromString(a.getEventId())).isNotNull();
  }

  @Test
  void unlistedPlateRaisesNothing() {
    hotlist.replace(List.of(entry("h-17", PLATE, Severity.CRITICAL, null)));
    assertThat(rule.evaluate(read("01234AC"))).isEmpty();
    assertThat(new HotlistRule(new Hotlist(), protector, Clock.systemUTC()).evaluate(read(PLATE))).isEmpty();
  }

  @Test
  void matchingUsesTheKeyedHashSoAnotherKeyDoesNotMatch() {
    PlateProtector otherKey = new PlateProtector(key(9), key(2));
    hotlist.replace(List.of(new HotlistEntry("h-1", otherKey.hash(PLATE), "stolen", Severity.CRITICAL, null)));
    assertThat(rule.evaluate(read(PLATE))).isEmpty();
  }

  @Test
  void severityIsCopiedFromTheEntry() {
    for (Severity s : Severity.values()) {
      hotlist.replace(List.of(entry("h-" + s, PLATE, s, null)));
      assertThat(rule.evaluate(read(PLATE))).extracting(Alert::getSeverity).containsExactly(s);
    }
  }

  @Test
  void alertIdIsTheSameForTheSameEntryAndRead() {
    hotlist.replace(List.of(entry("h-17", PLATE, Severity.WARNING, null)));
    PlateRead read = read(PLATE);
    String first = rule.evaluate(read).get(0).getEventId();
    // Re-running later, on another node with another clock, gives the same id.
    HotlistRule later = new HotlistRule(hotlist, new PlateProtector(key(1), key(2)),
        Clock.fixed(NOW.plus(Duration.ofHours(3)), ZoneOffset.UTC));
    assertThat(later.evaluate(PlateRead.newBuilder(read).build()).get(0).getEventId()).isEqualTo(first);
    assertThat(rule.evaluate(read).get(0).getEventId()).isEqualTo(first);
  }

  @Test
  void anotherReadOfTheSamePlateGetsAnotherId() {
    hotlist.replace(List.of(entry("h-17", PLATE, Severity.WARNING, null)));
    String a = rule.evaluate(read(PLATE)).get(0).getEventId();
    String b = rule.evaluate(read(PLATE)).get(0).getEventId();
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void twoEntriesForOnePlateRaiseTwoAlertsWithDistinctIds() {
    hotlist.replace(List.of(entry("h-1", PLATE, Severity.CRITICAL, null), entry("h-2", PLATE, Severity.INFO, null)));
    List<Alert> alerts = rule.evaluate(read(PLATE));
    assertThat(alerts).hasSize(2);
    assertThat(alerts).extracting(Alert::getEventId).doesNotHaveDuplicates();
    assertThat(alerts).extracting(Alert::getSeverity).containsExactlyInAnyOrder(Severity.CRITICAL, Severity.INFO);
    assertThat(alerts).extracting(Alert::getSubjectId).containsOnly(alerts.get(0).getSubjectId());
  }

  @Test
  void expiredEntryDoesNotMatch() {
    hotlist.replace(List.of(entry("h-old", PLATE, Severity.CRITICAL, SEEN.minusSeconds(1)),
        entry("h-edge", PLATE, Severity.CRITICAL, SEEN)));
    assertThat(rule.evaluate(read(PLATE))).isEmpty();
  }

  @Test
  void entryNotYetExpiredMatches() {
    hotlist.replace(List.of(entry("h-1", PLATE, Severity.CRITICAL, SEEN.plusMillis(1)),
        entry("h-old", PLATE, Severity.CRITICAL, SEEN.minus(Duration.ofDays(1)))));
    assertThat(rule.evaluate(read(PLATE))).extracting(a -> a.getReason()).singleElement().asString().contains("h-1");
  }

  @Test
  void expiryIsJudgedAtTheEventTimeNotWhenTheRuleRuns() {
    // Seen before the entry expired, evaluated (e.g. replayed) after: still a match.
    HotlistRule late = new HotlistRule(hotlist, protector, Clock.fixed(SEEN.plus(Duration.ofDays(2)), ZoneOffset.UTC));
    hotlist.replace(List.of(entry("h-1", PLATE, Severity.CRITICAL, SEEN.plus(Duration.ofDays(1)))));
    assertThat(late.evaluate(read(PLATE))).hasSize(1);
  }

  @Test
  void reasonCarriesNoClearTextPlate() {
    hotlist.replace(List.of(entry("h-17", "BG123ČĆ", Severity.CRITICAL, null)));
    Alert a = rule.evaluate(read("BG123ČĆ")).get(0);
    assertThat(a.getReason()).doesNotContain("BG123ČĆ").doesNotContain("BG 123").doesNotContain("BG123");
    assertThat(a.toString()).as("nothing in the alert").doesNotContain("BG123ČĆ");
  }
}
