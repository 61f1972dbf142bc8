package io.corridor.anpr.glyph;

/** The classes the glyph network tells apart: plate characters, then "not a character". */
public final class GlyphAlphabet {

  /** Plate characters, in class order. */
  public static final String CHARACTERS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  /** Class of blobs that are not characters: emblems, stickers, screws. */
  public static final int REJECT = CHARACTERS.length();
  /** Number of classes. */
  public static final int CLASSES = REJECT + 1;

  private GlyphAlphabet() {}

  /** The character of class {@code k}; {@code '?'} for the reject class. */
  public static char character(int k) {
    return k == REJECT ? '?' : CHARACTERS.charAt(k);
  }
}
