package io.corridor.tracking.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corridor.tracking.JourneyScript;
import io.corridor.tracking.shipments.Declaration;
import io.corridor.tracking.shipments.GoodsClass;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class DeclarationDecoderTest {

  private static JsonObject tanker() {
    return JourneyScript.durresPrishtina().declaration("tanker");
  }

  private static void refused(Consumer<JsonObject> change, String field) {
    JsonObject json = tanker();
    change.accept(json);
    assertThatThrownBy(() -> DeclarationDecoder.decode(json)).isInstanceOf(BadInput.class)
        .satisfies(e -> assertThat(((BadInput) e).field()).isEqualTo(field));
  }

  @Test
  void theScriptedTankerDeclarationDecodes() {
    Declaration d = DeclarationDecoder.decode(tanker());
    assertThat(d.mrn()).isEqualTo("26AL0000000TNK0015");
    assertThat(d.goods()).isEqualTo(GoodsClass.FUEL);
    assertThat(d.truckPlate()).isEqualTo("AA123BC");
    assertThat(d.trailerPlate()).isEqualTo("AB456CD");
    assertThat(d.route()).hasSize(14);
    assertThat(d.crossings().get(0).cameraId()).isEqualTo("cam-morine-01");
    assertThat(d.stops().get(0).maxStay()).isEqualTo(Duration.ofMinutes(45));
    assertThat(d.minTempC()).isNull();
    assertThat(d.plan("s", io.corridor.tracking.detect.Thresholds.defaults(), java.util.List.of()).coldChain()).isFalse();
  }

  @Test
  void everyBadFieldIsNamed() {
    refused(j -> j.put("mrn", "26AL0000000TNK0016"), "mrn");
    refused(j -> j.put("goods", "weapons"), "goods");
    refused(j -> j.remove("description"), "description");
    refused(j -> j.put("quantity", -1), "quantity");
    refused(j -> j.put("truckPlate", "-"), "truckPlate");
    refused(j -> j.put("trackers", new JsonArray()), "trackers");
    refused(j -> j.put("trackers", new JsonArray().add("bad id!")), "trackers[0]");
    refused(j -> j.getJsonObject("route").put("points", new JsonArray().add(new JsonArray().add(41).add(19))), "route.points");
    refused(j -> j.getJsonObject("route").getJsonArray("points").set(3, new JsonArray().add(95).add(19)), "route.points[3]");
    refused(j -> j.getJsonObject("route").put("corridorWidthM", 1), "route.corridorWidthM");
    refused(j -> j.getJsonArray("crossings").getJsonObject(0).put("cameraId", "cam 1"), "crossings[0].cameraId");
    refused(j -> j.getJsonArray("stops").getJsonObject(0).remove("maxMinutes"), "stops[0].maxMinutes");
    refused(j -> j.getJsonObject("eta").put("latest", "2026-11-24T10:00:00Z"), "eta.latest");
    refused(j -> j.put("plannedDeparture", "tomorrow"), "plannedDeparture");
    refused(j -> j.put("temperature", new JsonObject().put("minC", 8).put("maxC", 2).put("excursionMinutes", 30)),
        "temperature.maxC");
  }
}
