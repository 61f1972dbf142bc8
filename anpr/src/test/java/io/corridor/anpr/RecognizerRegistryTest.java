package io.corridor.anpr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecognizerRegistryTest {

  private final RecognizerRegistry registry = RecognizerRegistry.standard();

  @Test
  void rejectsUnknownNamesListingTheKnownOnes() {
    assertThatThrownBy(() -> registry.create("tesseract", EngineSettings.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown ANPR engine 'tesseract'; known engines: builtin, openalpr");
  }

  @Test
  void builtinIsPartOfTheStandardBuild() {
    assertThat(registry.available()).containsExactly("builtin", "openalpr");
  }

  @Test
  void openAlprFailsAtStartOnAHostWithoutIt() {
    // Name matching ignores case and blanks; the failure comes from the engine, naming what is missing.
    assertThatThrownBy(() -> registry.create(" OpenALPR ", EngineSettings.defaults()))
        .isInstanceOf(EngineUnavailableException.class)
        .hasMessageContaining("libopenalprjni");
  }

  @Test
  void theBuiltinSlotTakesAFactory() {
    PlateRecognizer stub = new PlateRecognizer() {
      @Override
      public String engine() {
        return "builtin";
      }

      @Override
      public RecognitionResult recognize(byte[] image, RecognitionHints hints) {
        return new RecognitionResult(List.of(), 0, 0, Duration.ZERO);
      }

      @Override
      public void close() {}
    };
    RecognizerRegistry withBuiltin = registry.withBuiltin(settings -> stub);
    assertThat(withBuiltin.available()).containsExactly("builtin", "openalpr");
    assertThat(withBuiltin.create("BUILTIN", EngineSettings.defaults())).isSameAs(stub);
    registry.with("other", settings -> stub);
    assertThat(registry.available()).as("registries are immutable").containsExactly("builtin", "openalpr");
  }

  @Test
  void hintsValidateTheCountry() {
    assertThat(RecognitionHints.forCountry("xk").country()).isEqualTo("XK");
    assertThat(new RecognitionHints(" ", "").country()).isNull();
    assertThatThrownBy(() -> RecognitionHints.forCountry("Kosovo")).hasMessageContaining("'KOSOVO'");
  }
}
