package io.corridor.anpr;

/**
 * The slot for Corridor's built-in engine (engine name {@value RecognizerRegistry#BUILTIN}),
 * which needs no native OpenALPR install. {@link RecognizerRegistry#standard()} fills it with
 * {@link io.corridor.anpr.builtin.BuiltinRecognizer#factory()}; a registry without a factory in
 * this slot fails at start-up with a message that says so.
 */
public interface BuiltinRecognizerFactory extends RecognizerFactory {}
