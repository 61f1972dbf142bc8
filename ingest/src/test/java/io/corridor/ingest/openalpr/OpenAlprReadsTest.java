package io.corridor.ingest.openalpr;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OpenAlprReadsTest {

  @Test
  void countryComesFromTheEuropeanRegionTheAgentsCountryOrTheFormatTheTextFits() {
    assertThat(OpenAlprReads.country("eu", "de", "BAB1234")).isEqualTo("DE");
    assertThat(OpenAlprReads.country("us", "ca", "7ABC123")).isEqualTo("US");
    assertThat(OpenAlprReads.country("eu", null, "03456KR")).isEqualTo("XK");
    assertThat(OpenAlprReads.country(null, null, "ZZZ")).isNull();
  }

  @Test
  void idsAreStablePerCameraAndDifferBetweenCameras() {
    String key = "QF4NKPDW3X6WJ2BGTSU7HZR8EAMVCLY5NO1I9QKD-1042-1764583200120";
    assertThat(OpenAlprReads.groupEventId("cam-1", key)).isEqualTo(OpenAlprReads.groupEventId("cam-1", key))
        .isNotEqualTo(OpenAlprReads.groupEventId("cam-2", key));
    assertThat(OpenAlprReads.groupCropId("cam-1", key, "vehicle")).isNotEqualTo(OpenAlprReads.groupCropId("cam-1", key, "plate"));
    assertThat(OpenAlprReads.plateFrameId("cam-1", key, 0)).isNotEqualTo(OpenAlprReads.plateFrameId("cam-1", key, 1));
  }
}
