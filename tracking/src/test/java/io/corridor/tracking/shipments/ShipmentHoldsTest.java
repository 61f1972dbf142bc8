package io.corridor.tracking.shipments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class ShipmentHoldsTest {

  @Test
  void aCaseReferenceIsShortAndSafeInAPath() {
    for (String ok : List.of("CU-2026-0042", "a", "case_7.b", "X".repeat(64))) {
      assertThatCode(() -> ShipmentHolds.validCase(ok)).as(ok).doesNotThrowAnyException();
    }
    for (String bad : new String[] {null, "", "-CU", "CU 1", "CU/1", "X".repeat(65), "CÜ-1"}) {
      refused(() -> ShipmentHolds.validCase(bad), HoldRefusal.Kind.INVALID, "caseRef");
    }
  }

  @Test
  void aJustificationIsRequiredAndBounded() {
    assertThatCode(() -> ShipmentHolds.validate("CU-1", "seal found cut")).doesNotThrowAnyException();
    refused(() -> ShipmentHolds.validate("CU-1", null), HoldRefusal.Kind.INVALID, "justification");
    refused(() -> ShipmentHolds.validate("CU-1", "  "), HoldRefusal.Kind.INVALID, "justification");
    refused(() -> ShipmentHolds.validate("CU-1", "x".repeat(2001)), HoldRefusal.Kind.INVALID, "justification");
    refused(() -> ShipmentHolds.validate("CU 1", "fine"), HoldRefusal.Kind.INVALID, "caseRef");
  }

  @Test
  void neitherFieldMayNameAPlateOfTheShipmentHoweverWritten() {
    List<String> plates = List.of("AA 123 BC", "AB-456-CD");
    refused(() -> ShipmentHolds.notNaming(plates, "justification", "truck aa123bc stopped twice"),
        HoldRefusal.Kind.INVALID, "justification");
    refused(() -> ShipmentHolds.notNaming(plates, "caseRef", "CU-AB456CD"), HoldRefusal.Kind.INVALID, "caseRef");
    assertThatCode(() -> ShipmentHolds.notNaming(plates, "justification", "seal ES-0042117 cut at Merdare"))
        .doesNotThrowAnyException();
  }

  @Test
  void theLegalHoldOfAShipmentIsNamedByShipmentAndCase() {
    assertThat(ShipmentHolds.legalCaseRef("0b8e6f7e-8a51-4a43-a4b6-3f0d2b0c8f11", "CU-1"))
        .isEqualTo("shipment:0b8e6f7e-8a51-4a43-a4b6-3f0d2b0c8f11:CU-1");
  }

  private static void refused(ThrowingCallable call, HoldRefusal.Kind kind, String field) {
    assertThatThrownBy(call).isInstanceOfSatisfying(HoldRefusal.class, e -> {
      assertThat(e.kind()).isEqualTo(kind);
      assertThat(e.field()).isEqualTo(field);
    });
  }
}
