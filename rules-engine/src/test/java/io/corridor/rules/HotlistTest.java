package io.corridor.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.events.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class HotlistTest {

  static byte[] hash(int b) {
    byte[] h = new byte[32];
    Arrays.fill(h, (byte) b);
    return h;
  }

  static HotlistEntry entry(String id, byte[] hash) {
    return new HotlistEntry(id, hash, "stolen vehicle", Severity.CRITICAL, null);
  }

  @Test
  void emptyHotlistMatchesNothing() {
    Hotlist hotlist = new Hotlist();
    assertThat(hotlist.size()).isZero();
    assertThat(hotlist.lookup(hash(1))).isEmpty();
  }

  @Test
  void lookupIsByHashContentNotArrayIdentity() {
    Hotlist hotlist = new Hotlist();
    HotlistEntry e = entry("h-1", hash(1));
    hotlist.replace(List.of(e));
    assertThat(hotlist.lookup(hash(1))).containsExactly(e);
    assertThat(hotlist.lookup(hash(2))).isEmpty();
    byte[] almost = hash(1);
    almost[31] = 0;
    assertThat(hotlist.lookup(almost)).isEmpty();
  }

  @Test
  void severalEntriesForOnePlateAreAllReturnedAndCountedAsOnePlate() {
    Hotlist hotlist = new Hotlist();
    HotlistEntry stolen = entry("h-1", hash(1));
    HotlistEntry uninsured = new HotlistEntry("h-2", hash(1), "uninsured", Severity.WARNING, null);
    HotlistEntry other = entry("h-3", hash(3));
    hotlist.replace(List.of(stolen, uninsured, other));
    assertThat(hotlist.lookup(hash(1))).containsExactlyInAnyOrder(stolen, uninsured);
    assertThat(hotlist.lookup(hash(3))).containsExactly(other);
    assertThat(hotlist.size()).isEqualTo(2);
  }

  @Test
  void replaceDropsEntriesThatAreNoLongerListed() {
    Hotlist hotlist = new Hotlist();
    hotlist.replace(List.of(entry("h-1", hash(1)), entry("h-2", hash(2))));
    hotlist.replace(List.of(entry("h-2", hash(2))));
    assertThat(hotlist.lookup(hash(1))).isEmpty();
    assertThat(hotlist.lookup(hash(2))).extracting(HotlistEntry::id).containsExactly("h-2");
    assertThat(hotlist.size()).isEqualTo(1);
    hotlist.replace(List.of());
    assertThat(hotlist.size()).isZero();
    assertThat(hotlist.lookup(hash(2))).isEmpty();
  }

  @Test
  void laterChangesToTheSourceCollectionDoNotLeakIn() {
    Hotlist hotlist = new Hotlist();
    List<HotlistEntry> source = new ArrayList<>(List.of(entry("h-1", hash(1))));
    hotlist.replace(source);
    source.add(entry("h-2", hash(2)));
    source.clear();
    assertThat(hotlist.lookup(hash(1))).hasSize(1);
    assertThat(hotlist.lookup(hash(2))).isEmpty();
  }

  @Test
  void entryActivityEndsExactlyAtExpiry() {
    Instant expires = Instant.parse("2026-12-01T00:00:00Z");
    HotlistEntry e = new HotlistEntry("h-1", hash(1), "warrant", Severity.CRITICAL, expires);
    assertThat(e.activeAt(expires.minusMillis(1))).isTrue();
    assertThat(e.activeAt(expires)).isFalse();
    assertThat(e.activeAt(expires.plusSeconds(1))).isFalse();
    assertThat(entry("h-2", hash(2)).activeAt(Instant.MAX)).as("no expiry").isTrue();
  }
}
