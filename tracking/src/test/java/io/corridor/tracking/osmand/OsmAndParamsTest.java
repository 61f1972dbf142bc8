package io.corridor.tracking.osmand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corridor.ingest.IngestException;
import io.corridor.tracking.testing.CapturedRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one-pass query reader gives exactly the parameters Netty's decoder gives, in the same order. */
class OsmAndParamsTest {

  @ParameterizedTest
  @ValueSource(strings = {"/?id=t1&lat=41.1&lon=19.2&timestamp=1796025600&speed=33.4&bearing=71",
      "/?id=t1&&lat=41.1&flag&empty=&x=a=b&cell=1,2&cell=3,4", "/", "/?", "/?&&", "/?a=1&a=2&b",
      "/?id=t%201&key=a%2Bb&lat=41.1", "/?id=t+1;lat=41", "/?=x&id=t", "/?id=t#frag&lat=1", "/#a?id=1", "/?id=a?b", "/?id=%C3%A9&temp1=4.5",
      "/?location=41.2,19.3&timestamp=2026-11-30T08:00:00Z&ALARM=sos", "/?id=t&note=(a)!~*'"})
  void sameAsNettysDecoder(String uri) {
    assertThat(pairs(OsmAndParams.ofUri(uri))).isEqualTo(netty(new QueryStringDecoder(uri, StandardCharsets.UTF_8).parameters()));
  }

  @Test
  void aTrackersUsualNamesAreTheSharedConstantsAndOthersTheirOwnText() {
    OsmAndParams p = OsmAndParams.ofUri("/?id=t1&lat=41.1&fuel=30&temp10=4&Lat=2&latx=1&key");
    assertThat(p.name(0)).isSameAs("id");
    assertThat(p.name(1)).isSameAs("lat");
    assertThat(p.name(2)).isSameAs("fuel");
    assertThat(p.name(6)).isSameAs("key");
    for (int i = 3; i <= 5; i++) {
      assertThat(p.name(i)).isNotSameAs("temp1").isNotSameAs("lat");
    }
    assertThat(List.of(p.name(3), p.name(4), p.name(5))).containsExactly("temp10", "Lat", "latx");
    assertThat(p.value(2)).isEqualTo("30");
    assertThat(p.value(6)).isEmpty();
  }

  @Test
  void capturedTrackersAndFormBodies() {
    for (String name : new String[] {"traccar-client-android-query.http", "osmand-app-get.http", "tracker-location-iso.http",
        "legacy-without-key.http", "bad-lat-not-a-number.http"}) {
      CapturedRequest request = CapturedRequest.load("osmand/" + name);
      assertThat(pairs(OsmAndParams.ofUri(request.uri()))).as(name).isEqualTo(netty(request.query()));
    }
    CapturedRequest form = CapturedRequest.load("osmand/tracker-form-body.http");
    assertThat(pairs(OsmAndParams.ofForm(new String(form.body(), StandardCharsets.UTF_8)))).isEqualTo(netty(form.form()));
  }

  @Test
  void oneDecodingWhicheverWayTheParametersCame() {
    OsmAndDecoder decoder = new OsmAndDecoder(java.time.Clock.fixed(OsmAndDecoderTest.NOW, java.time.ZoneOffset.UTC),
        io.corridor.tracking.positions.TrackingOptions.SpeedUnit.KNOTS);
    for (String name : new String[] {"traccar-client-android-query.http", "osmand-app-get.http", "tracker-location-iso.http",
        "legacy-without-key.http"}) {
      CapturedRequest request = CapturedRequest.load("osmand/" + name);
      assertThat(decoder.decode(OsmAndParams.ofUri(request.uri()))).as(name).isEqualTo(decoder.decode(request.query()));
    }
  }

  @Test
  void brokenEscapeIsABadQuery() {
    assertThatThrownBy(() -> OsmAndParams.ofUri("/?id=t&lat=%zz")).isInstanceOfSatisfying(IngestException.class, e -> {
      assertThat(e.status()).isEqualTo(400);
      assertThat(e.field()).isEqualTo("query");
    });
  }

  @Test
  void firstValueOfAName() {
    OsmAndParams p = OsmAndParams.ofUri("/?a=1&b=2&a=3");
    assertThat(p.first("a")).isEqualTo("1");
    assertThat(p.first("c")).isNull();
  }

  private static List<String> pairs(OsmAndParams p) {
    Map<String, List<String>> grouped = new LinkedHashMap<>();
    for (int i = 0; i < p.size(); i++) {
      grouped.computeIfAbsent(p.name(i), k -> new ArrayList<>()).add(p.value(i));
    }
    return netty(grouped);
  }

  private static List<String> netty(Map<String, List<String>> params) {
    List<String> flat = new ArrayList<>();
    params.forEach((name, values) -> values.forEach(v -> flat.add(name + "\u0000" + v)));
    return flat;
  }
}
