package io.corridor.anpr.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.anpr.EngineSettings;
import io.corridor.anpr.PlateRecognizer;
import io.corridor.anpr.RecognitionHints;
import io.corridor.anpr.RecognitionResult;
import io.corridor.anpr.RecognizerRegistry;
import io.corridor.testkit.PlateImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Rendered plates of formats whose zeros the plate font draws like the letter O: the engine
 * spells each as its country prints it, a digit where the format has digits and a letter where it
 * has letters, with no country hint.
 */
class LookAlikePlatesTest {

  private static PlateRecognizer recognizer;

  @BeforeAll
  static void start() {
    recognizer = RecognizerRegistry.standard().create("builtin", EngineSettings.defaults());
  }

  @AfterAll
  static void stop() {
    if (recognizer != null) {
      recognizer.close();
    }
  }

  @ParameterizedTest(name = "{0} ({1})")
  @CsvSource({
    "KAB1230, German: district, letters, digits",
    "BS47040, Norwegian: two letters, five digits",
    "EL10030, Norwegian electric series",
    "OY09FEU, British: area letters, age digits, letters",
    "BG100AB, Serbian (a decoded format)",
    "1A20300, Czech (a decoded format)",
  })
  void readsEachCharacterAsItsFormatPrintsIt(String plate, String what) {
    RecognitionResult result = recognizer.recognize(PlateImages.plate(plate, 170, 200, 300, 46), RecognitionHints.none());
    assertThat(result.plates()).isNotEmpty();
    assertThat(result.plates().getFirst().text()).isEqualTo(plate);
  }
}
