package io.corridor.anpr.bench;

import io.corridor.anpr.EngineSettings;
import io.corridor.anpr.PlateRecognizer;
import io.corridor.anpr.RecognizerRegistry;
import io.corridor.anpr.builtin.BuiltinRecognizer;
import io.corridor.anpr.builtin.StripMode;
import io.corridor.anpr.glyph.GlyphClassifier;
import io.corridor.anpr.glyph.GlyphNet;
import io.corridor.anpr.strip.StripReader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The recognizers a bench run reads with: the engine as shipped, or the built-in engine with a
 * given character network ({@code --model}), one per fold when every fold is measured (the
 * file name's {@code {fold}} is replaced by the fold, counted from 1), and with a given strip
 * reader per fold ({@code --strip-model}, {@code --strip-mode}).
 */
final class FoldModels implements AutoCloseable {

  /** Placeholder in {@code --model} for the fold number. */
  static final String FOLD = "{fold}";

  private final List<PlateRecognizer> recognizers;
  private final FoldSplit.Selection selection;

  private FoldModels(List<PlateRecognizer> recognizers, FoldSplit.Selection selection) {
    this.recognizers = recognizers;
    this.selection = selection;
  }

  static FoldModels open(String engine, String model, FoldSplit.Selection selection) {
    return open(engine, model, null, StripMode.OFF, selection);
  }

  /**
   * As {@link #open(String, String, FoldSplit.Selection)}, each fold's engine also with that
   * fold's strip reader ({@code stripModel}, {@value #FOLD} replaced as in {@code model}) used as
   * {@code stripMode} says.
   */
  static FoldModels open(String engine, String model, String stripModel, StripMode stripMode, FoldSplit.Selection selection) {
    if (stripModel != null && model == null) {
      throw new IllegalArgumentException("--strip-model needs --model (the character network of the same folds)");
    }
    if (stripModel != null && selection != null && selection.fold() < 0 && !stripModel.contains(FOLD)) {
      throw new IllegalArgumentException("--fold all/K needs a --strip-model name with " + FOLD + " (one network per fold)");
    }
    if (model == null) {
      if (selection != null) {
        throw new IllegalArgumentException("--fold needs --model: the shipped network was trained on every fold");
      }
      RecognizerRegistry registry = RecognizerRegistry.standard().withBuiltin(BuiltinRecognizer.factory());
      return new FoldModels(List.of(registry.create(engine, EngineSettings.defaults())), null);
    }
    if (!engine.equals(RecognizerRegistry.BUILTIN)) {
      throw new IllegalArgumentException("--model applies to the builtin engine only");
    }
    List<PlateRecognizer> out = new ArrayList<>();
    if (selection != null && selection.fold() < 0) {
      if (!model.contains(FOLD)) {
        throw new IllegalArgumentException("--fold all/K needs a --model name with " + FOLD + " (one network per fold)");
      }
      for (int f = 1; f <= selection.split().folds(); f++) {
        String fold = Integer.toString(f);
        out.add(BuiltinRecognizer.open(load(Path.of(model.replace(FOLD, fold)))).withStrip(strip(stripModel, fold), stripMode));
      }
    } else {
      String fold = selection == null ? "" : Integer.toString(selection.fold() + 1);
      out.add(BuiltinRecognizer.open(load(Path.of(model.replace(FOLD, fold)))).withStrip(strip(stripModel, fold), stripMode));
    }
    return new FoldModels(out, selection);
  }

  /** The recognizer that did not train on this plate (the only one when one fold or no fold is read). */
  PlateRecognizer forPlate(String plate) {
    if (recognizers.size() == 1) {
      return recognizers.getFirst();
    }
    return recognizers.get(selection.split().foldOf(plate));
  }

  private static StripReader strip(String stripModel, String fold) {
    return stripModel == null ? null : StripReader.load(Path.of(stripModel.replace(FOLD, fold)));
  }

  static GlyphClassifier load(Path file) {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      return new GlyphClassifier(GlyphNet.read(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the character network " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    recognizers.forEach(PlateRecognizer::close);
  }
}
