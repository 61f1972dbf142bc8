package io.corridor.anpr.bench;

import io.corridor.anpr.EngineSettings;
import io.corridor.anpr.PlateRecognizer;
import io.corridor.anpr.RecognizerRegistry;
import io.corridor.anpr.builtin.BuiltinRecognizer;
import io.corridor.anpr.builtin.RowVerifier;
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
    return open(engine, model, null, RowVerifier.DROP_BELOW, null, StripMode.OFF, selection);
  }

  /**
   * Each fold's engine with that fold's character network ({@code model}), row verifier and strip
   * reader ({@value #FOLD} replaced by the fold's number in each name).
   *
   * @param verifier the row verifier file, "shipped" for the shipped one, or null for none (every
   *     row read out, as before the verifier)
   * @param dropBelow the verifier's probability below which a row is dropped
   * @param stripModel the strip reader's network, or null for none
   * @param stripMode how the engine uses the strip reader
   */
  static FoldModels open(String engine, String model, String verifier, double dropBelow, String stripModel,
      StripMode stripMode, FoldSplit.Selection selection) {
    if (model == null && verifier != null) {
      throw new IllegalArgumentException("--verifier needs --model (the shipped engine has its shipped verifier)");
    }
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
        out.add(foldEngine(model, verifier, dropBelow, stripModel, stripMode, fold));
      }
    } else {
      String fold = selection == null ? "" : Integer.toString(selection.fold() + 1);
      out.add(foldEngine(model, verifier, dropBelow, stripModel, stripMode, fold));
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

  static RowVerifier verifier(String spec, String fold) {
    if (spec == null) {
      return RowVerifier.ACCEPT_ALL;
    }
    if (spec.equals("shipped")) {
      return RowVerifier.shipped();
    }
    Path file = Path.of(spec.replace(FOLD, fold));
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      return RowVerifier.read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the row verifier " + file + ": " + e.getMessage(), e);
    }
  }

  private static StripReader strip(String stripModel, String fold) {
    return stripModel == null ? null : StripReader.load(Path.of(stripModel.replace(FOLD, fold)));
  }

  private static PlateRecognizer foldEngine(String model, String verifier, double dropBelow, String stripModel,
      StripMode stripMode, String fold) {
    return BuiltinRecognizer.open(load(Path.of(model.replace(FOLD, fold))), verifier(verifier, fold).droppingBelow(dropBelow), null)
        .withStrip(strip(stripModel, fold), stripMode);
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
