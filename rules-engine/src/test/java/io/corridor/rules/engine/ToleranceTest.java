package io.corridor.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.corridor.rules.engine.doc.Fields;
import io.corridor.rules.engine.site.MeasurementType;
import io.corridor.rules.engine.speed.SpeedAssessment;
import io.corridor.rules.engine.speed.Tolerance;
import io.corridor.rules.engine.speed.ToleranceTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ToleranceTest {

  static final String TABLE = """
      tolerances:
        - country: DE
          decimals: 0
          bands: [{below: 100, kmh: 3}, {percent: 3}]
        - country: IT
          decimals: 1
          bands: [{kmh: 5, percent: 5}]
        - country: FR
          devices: [radar, laser]
          bands: [{below: 100, kmh: 5}, {percent: 5}]
        - country: FR
          devices: [video]
          bands: [{below: 100, kmh: 10}, {percent: 10}]
        - country: BE
          mobile: true
          bands: [{below: 100, kmh: 10}, {percent: 10}]
        - country: BE
          bands: [{below: 100, kmh: 6}, {percent: 6}]
        - country: GB
          decimals: 1
          bands: [{kmh: 3.2, percent: 10, sum: true}]
        - country: AT
          devices: [laser]
          threshold: 2
          bands: [{below: 100, kmh: 3}, {percent: 3}]
        - country: HR
          bands: [{below: 50, kmh: 3}, {below: 100, kmh: 10}, {percent: 10}]
      """;

  static ToleranceTable table() throws Exception {
    Fields f = new Fields("speed", new YAMLMapper().readTree(TABLE));
    ToleranceTable t = ToleranceTable.parse(f, "tolerances");
    f.check();
    return t;
  }

  static SpeedAssessment assess(String country, MeasurementType device, double measured, double limit) throws Exception {
    Tolerance t = table().lookup(country, device);
    assertThat(t).as(country + " " + device).isNotNull();
    return t.assess(measured, limit);
  }

  @Test
  void germany141IsRetainedAs136WithTheToleranceRoundedUp() throws Exception {
    SpeedAssessment a = assess("DE", MeasurementType.RADAR, 141, 120);
    assertThat(a.tolerance()).isEqualTo(5.0); // 4.23 rounded up in the driver's favour
    assertThat(a.retained()).isEqualTo(136.0);
    assertThat(a.offence()).isTrue();
    assertThat(a.overshoot()).isEqualTo(16.0);
  }

  @ParameterizedTest(name = "DE {0} km/h: tolerance {1}, retained {2}")
  @CsvSource({
      "99, 3, 96",     // below the breakpoint: absolute
      "100, 3, 97",    // at the breakpoint: 3 % of 100 is exactly 3
      "101, 4, 97",    // 3.03 rounds up to 4
      "103, 4, 99",
      "133.4, 5, 128", // 4.002 → 5, and the decimals of the retained value are dropped
      "53, 3, 50"})
  void germanEdgesAndRounding(double measured, double tolerance, double retained) throws Exception {
    SpeedAssessment a = assess("DE", MeasurementType.LASER, measured, 50);
    assertThat(a.tolerance()).isEqualTo(tolerance);
    assertThat(a.retained()).isEqualTo(retained);
  }

  @Test
  void retainedExactlyAtTheLimitIsNoOffence() throws Exception {
    assertThat(assess("DE", MeasurementType.RADAR, 53, 50).offence()).isFalse();
    assertThat(assess("DE", MeasurementType.RADAR, 54, 50).offence()).isTrue();
  }

  @Test
  void italyKeepsDecimalsAndAtLeastFiveKmh() throws Exception {
    SpeedAssessment a = assess("IT", MeasurementType.RADAR, 148, 130);
    assertThat(a.tolerance()).isEqualTo(7.4);
    assertThat(a.retained()).isEqualTo(140.6);
    SpeedAssessment slow = assess("IT", MeasurementType.RADAR, 60, 50);
    assertThat(slow.tolerance()).isEqualTo(5.0); // 5 % of 60 is 3: the minimum applies
    assertThat(slow.retained()).isEqualTo(55.0);
  }

  @Test
  void franceDependsOnTheDeviceType() throws Exception {
    assertThat(assess("FR", MeasurementType.RADAR, 90, 80).retained()).isEqualTo(85.0);
    assertThat(assess("FR", MeasurementType.VIDEO, 90, 80).retained()).isEqualTo(80.0);
    assertThat(assess("FR", MeasurementType.VIDEO, 90, 80).offence()).isFalse();
    assertThat(table().lookup("FR", MeasurementType.SECTION)).isNull();
  }

  @Test
  void mobileDevicesCanHaveTheirOwnTolerance() throws Exception {
    assertThat(table().lookup("BE", MeasurementType.RADAR, true).assess(90, 80).retained()).isEqualTo(80.0);
    assertThat(table().lookup("BE", MeasurementType.RADAR, false).assess(90, 80).retained()).isEqualTo(84.0);
    assertThat(table().lookup("DE", MeasurementType.RADAR, true)).as("no mobile condition: any device").isNotNull();
  }

  @Test
  void ukAddsPercentageAndAbsolute() throws Exception {
    SpeedAssessment a = assess("GB", MeasurementType.RADAR, 80, 70);
    assertThat(a.tolerance()).isEqualTo(11.2); // 10 % of 80 + 2 mph (3.2 km/h)
    assertThat(a.retained()).isEqualTo(68.8);
    assertThat(a.offence()).isFalse();
  }

  @Test
  void austrianThresholdMustBeExceededButDoesNotChangeTheRetainedValue() throws Exception {
    SpeedAssessment atThreshold = assess("AT", MeasurementType.LASER, 55, 50);
    assertThat(atThreshold.retained()).isEqualTo(52.0);
    assertThat(atThreshold.offence()).isFalse();
    assertThat(assess("AT", MeasurementType.LASER, 56, 50).offence()).isTrue();
  }

  @Test
  void croatianBands() throws Exception {
    assertThat(assess("HR", MeasurementType.RADAR, 49, 40).tolerance()).isEqualTo(3.0);
    assertThat(assess("HR", MeasurementType.RADAR, 50, 40).tolerance()).isEqualTo(10.0);
    assertThat(assess("HR", MeasurementType.RADAR, 120, 100).tolerance()).isEqualTo(12.0);
  }

  @Test
  void floatSpeedsAreTakenAsTheDecimalTheDeviceSent() {
    Tolerance none = Tolerance.NONE;
    assertThat(none.assess(141.4f, 100).measured()).isEqualTo(141.4);
    assertThat(Tolerance.decimal(141.4f).toPlainString()).isEqualTo("141.4");
  }

  @Test
  void unknownCountryHasNoTolerance() throws Exception {
    assertThat(table().lookup("RS", MeasurementType.RADAR)).isNull();
  }
}
