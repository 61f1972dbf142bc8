/**
 * The plain-Java network layers and optimiser that the engine's networks share: the character
 * classifier ({@link io.corridor.anpr.glyph.GlyphNet}) and the whole-row strip reader
 * ({@link io.corridor.anpr.strip.StripNet}). No native runtime; deterministic for a seed.
 */
package io.corridor.anpr.nn;
