package io.corridor.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corridor.rules.engine.store.Csv;
import io.corridor.rules.engine.store.Plates;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {

  @Test
  void quotedFieldsCommentsAndLineNumbers() {
    List<Csv.Row> rows = Csv.parse(String.join("\n",
        "# exported 2026-11-30",
        "Plate,Reason,Severity",
        "KS999AA,\"fled a stop, armed\",WARNING",
        "",
        "OB1234S,\"said \"\"stolen\"\"\",",
        ""), "plate", "reason");
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).line()).isEqualTo(3);
    assertThat(rows.get(0).get("reason")).isEqualTo("fled a stop, armed");
    assertThat(rows.get(1).line()).isEqualTo(5);
    assertThat(rows.get(1).get("reason")).isEqualTo("said \"stolen\"");
    assertThat(rows.get(1).get("severity")).isNull();
  }

  @Test
  void missingColumnOrEmptyFileIsRefused() {
    assertThatThrownBy(() -> Csv.parse("plate,class\n", "plate", "reason")).hasMessageContaining("'reason'");
    assertThatThrownBy(() -> Csv.parse("\n\n", "plate")).hasMessageStartingWith("empty");
  }

  @Test
  void platesAreNormalisedLikeReads() {
    assertThat(Plates.normalize("ks-999 aa")).isEqualTo("KS999AA");
    assertThat(Plates.normalize("BG·123.ŠŽ")).isEqualTo("BG123ŠŽ");
    assertThatThrownBy(() -> Plates.normalize("K")).hasMessageContaining("2-12");
    assertThatThrownBy(() -> Plates.normalize("KS/99")).hasMessageContaining("2-12");
  }
}
