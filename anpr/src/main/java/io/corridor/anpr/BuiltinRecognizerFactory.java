package io.corridor.anpr;

/**
 * The slot for Corridor's built-in engine (engine name {@value RecognizerRegistry#BUILTIN}),
 * which needs no native OpenALPR install. Not implemented yet: until a factory is handed to
 * {@link RecognizerRegistry#withBuiltin}, choosing "builtin" fails at start-up with a message that
 * says so.
 */
public interface BuiltinRecognizerFactory extends RecognizerFactory {}
