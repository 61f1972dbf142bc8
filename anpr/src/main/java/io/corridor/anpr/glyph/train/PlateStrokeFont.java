package io.corridor.anpr.glyph.train;

import java.awt.Shape;
import java.awt.geom.Arc2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;

/**
 * The centre lines of the characters of an engineering-style plate alphabet (the DIN 1451 family
 * that most European registrations use): constant-width strokes of lines and arcs. Stroking these
 * paths with different widths, caps and horizontal scales gives the training set fonts close to
 * the ones on real plates without shipping any font file.
 *
 * <p>Coordinates: a character cell {@value #WIDTH} wide and {@value #HEIGHT} high, y downwards;
 * the centre lines keep {@value #INSET} from the cell so that strokes up to twice that wide stay
 * inside.
 */
final class PlateStrokeFont {

  static final double HEIGHT = 10;
  static final double WIDTH = 5.6;
  static final double INSET = 0.75;

  private static final double L = INSET, R = WIDTH - INSET, T = INSET, B = HEIGHT - INSET;
  private static final double CX = WIDTH / 2, M = HEIGHT / 2;
  private static final double RX = (R - L) / 2;

  private PlateStrokeFont() {}

  /** Number of variants {@link #glyph} knows (not every character differs in every one). */
  static final int VARIANTS = 3;

  /**
   * The centre line of {@code c} (A-Z, 0-9); {@code variant} (0 to {@value #VARIANTS} - 1) picks
   * between common shapes of the same character: a flat- or round-topped 3, and in variant 2 the
   * narrow forms of the German FE font (W, M, 0), an open-topped 4 and an elliptical O.
   */
  static Shape glyph(char c, int variant) {
    Path2D.Double p = new Path2D.Double();
    boolean alt = (variant & 1) == 1;
    boolean narrow = variant == 2;
    switch (c) {
      case '0' -> {
        if (narrow) {
          return new RoundRectangle2D.Double(L + 0.55, T, R - L - 1.1, B - T, 2.2, 3.6);
        }
        return new RoundRectangle2D.Double(L + 0.2, T, R - L - 0.4, B - T, 2 * RX - 0.4, alt ? 2 * RX : 3.2 * RX);
      }
      case 'O' -> {
        if (narrow) { // the round O of British and Polish plates
          return new Ellipse2D.Double(L - 0.3, T, R - L + 0.6, B - T);
        }
        return new RoundRectangle2D.Double(L - 0.15, T, R - L + 0.3, B - T, 2 * RX + 0.3, alt ? 2.4 * RX : 3.6 * RX);
      }
      case 'D' -> {
        p.moveTo(L, T);
        p.lineTo(R - RX, T);
        p.quadTo(R, T, R, T + RX + 0.4);
        p.lineTo(R, B - RX - 0.4);
        p.quadTo(R, B, R - RX, B);
        p.lineTo(L, B);
        p.closePath();
      }
      case '1' -> {
        double x = CX + 0.7;
        p.moveTo(x, B);
        p.lineTo(x, T);
        p.lineTo(L + 0.2, T + (alt ? 2.4 : 1.9));
      }
      case 'I' -> {
        p.moveTo(CX, T);
        p.lineTo(CX, B);
      }
      case '2' -> {
        p.moveTo(L, T + RX);
        p.append(new Arc2D.Double(L, T, 2 * RX, 2 * RX * 1.05, 180, -180, Arc2D.OPEN), true);
        if (alt) {
          p.quadTo(R, T + RX + 2.0, L, B);
        } else {
          p.lineTo(L, B);
        }
        p.lineTo(R + 0.1, B);
      }
      case '3' -> {
        if (alt) {
          p.moveTo(L, T);
          p.lineTo(R, T);
          p.lineTo(CX - 0.3, 4.3);
        } else {
          p.append(new Arc2D.Double(L + 0.1, T, 2 * RX - 0.2, 4.4, 160, -250, Arc2D.OPEN), false);
        }
        p.append(new Arc2D.Double(L, 4.3, 2 * RX, B - 4.3, 100, -270, Arc2D.OPEN), !alt);
      }
      case '4' -> {
        double x = R - 1.0;
        if (narrow) { // open top: the diagonal and the stem do not meet
          p.moveTo(L + 1.6, T);
          p.lineTo(L, 6.6);
          p.lineTo(R + 0.2, 6.6);
          p.moveTo(x, 3.6);
          p.lineTo(x, B);
          break;
        }
        p.moveTo(x, B);
        p.lineTo(x, T);
        p.lineTo(L, 6.6);
        p.lineTo(R + 0.2, 6.6);
      }
      case '5' -> {
        p.moveTo(R, T);
        p.lineTo(L + 0.3, T);
        p.lineTo(L + 0.1, 4.4);
        p.append(new Arc2D.Double(L, 3.9, 2 * RX, B - 3.9, 120, -285, Arc2D.OPEN), true);
      }
      case '6' -> {
        p.append(new Ellipse2D.Double(L, 4.0, 2 * RX, B - 4.0), false);
        p.moveTo(L + 0.05, 6.3);
        if (alt) {
          p.lineTo(R - 0.9, T);
        } else {
          p.quadTo(L + 0.3, T, R - 0.3, T + 0.5);
        }
      }
      case '9' -> {
        p.append(new Ellipse2D.Double(L, T, 2 * RX, 6.0 - T), false);
        p.moveTo(R - 0.05, 3.7);
        if (alt) {
          p.lineTo(L + 0.9, B);
        } else {
          p.quadTo(R - 0.3, B, L + 0.3, B - 0.5);
        }
      }
      case '7' -> {
        p.moveTo(L, T);
        p.lineTo(R, T);
        p.lineTo(alt ? CX - 0.6 : L + 0.8, B);
      }
      case '8' -> {
        p.append(new Ellipse2D.Double(L + 0.25, T, 2 * RX - 0.5, 4.5 - T), false);
        p.append(new Ellipse2D.Double(L, 4.5, 2 * RX, B - 4.5), false);
      }
      case 'A' -> {
        p.moveTo(L - 0.2, B);
        p.lineTo(CX - 0.35, T);
        p.lineTo(CX + 0.35, T);
        p.lineTo(R + 0.2, B);
        p.moveTo(L + 0.75, 6.6);
        p.lineTo(R - 0.75, 6.6);
      }
      case 'B' -> {
        p.moveTo(L, M - 0.2);
        p.lineTo(R - RX * 0.9, M - 0.2);
        p.append(new Arc2D.Double(R - RX * 1.8 - 0.1, T, RX * 1.8, M - 0.2 - T, -90, 180, Arc2D.OPEN), true);
        p.lineTo(L, T);
        p.lineTo(L, B);
        p.lineTo(R - RX, B);
        p.append(new Arc2D.Double(R - 2 * RX, M - 0.2, 2 * RX, B - M + 0.2, -90, 180, Arc2D.OPEN), true);
      }
      case 'C', 'G' -> {
        double bottom = B - RX;
        p.append(new Arc2D.Double(L, T, 2 * RX, 2 * RX, 20, 160, Arc2D.OPEN), false);
        p.lineTo(L, bottom);
        p.append(new Arc2D.Double(L, B - 2 * RX, 2 * RX, 2 * RX, 180, c == 'G' ? 180 : 160, Arc2D.OPEN), true);
        if (c == 'G') {
          p.lineTo(R, 5.6);
          p.lineTo(CX, 5.6);
        }
      }
      case 'E', 'F' -> {
        p.moveTo(R, T);
        p.lineTo(L, T);
        p.lineTo(L, B);
        if (c == 'E') {
          p.lineTo(R, B);
        }
        p.moveTo(L, M - 0.3);
        p.lineTo(R - 0.7, M - 0.3);
      }
      case 'H' -> {
        p.moveTo(L, T);
        p.lineTo(L, B);
        p.moveTo(R, T);
        p.lineTo(R, B);
        p.moveTo(L, M - 0.3);
        p.lineTo(R, M - 0.3);
      }
      case 'J' -> {
        p.moveTo(R, T);
        p.lineTo(R, B - RX);
        p.append(new Arc2D.Double(L, B - 2 * RX, 2 * RX, 2 * RX, 0, -180, Arc2D.OPEN), true);
        p.lineTo(L, B - RX - 0.8);
      }
      case 'K' -> {
        p.moveTo(L, T);
        p.lineTo(L, B);
        p.moveTo(R + 0.1, T);
        p.lineTo(L, 6.4);
        p.moveTo(L + 1.5, 5.1);
        p.lineTo(R + 0.2, B);
      }
      case 'L' -> {
        p.moveTo(L, T);
        p.lineTo(L, B);
        p.lineTo(R, B);
      }
      case 'M' -> {
        // Engineering fonts draw M wider than the other letters, its V to mid-height or lower.
        if (narrow) {
          p.moveTo(L, B);
          p.lineTo(L, T);
          p.lineTo(CX, 6.2);
          p.lineTo(R, T);
          p.lineTo(R, B);
          break;
        }
        p.moveTo(L - 0.6, B);
        p.lineTo(L - 0.5, T);
        p.lineTo(CX, alt ? 7.2 : 5.9);
        p.lineTo(R + 0.5, T);
        p.lineTo(R + 0.6, B);
      }
      case 'N' -> {
        p.moveTo(L, B);
        p.lineTo(L, T);
        p.lineTo(R, B);
        p.lineTo(R, T);
      }
      case 'P', 'R' -> {
        double mid = 5.6;
        p.moveTo(L, B);
        p.lineTo(L, T);
        p.lineTo(R - RX, T);
        p.append(new Arc2D.Double(R - 2 * RX, T, 2 * RX, mid - T, 90, -180, Arc2D.OPEN), true);
        p.lineTo(L, mid);
        if (c == 'R') {
          p.moveTo(CX - 0.2, mid);
          p.lineTo(R + 0.1, B);
        }
      }
      case 'Q' -> {
        p.append(new RoundRectangle2D.Double(L - 0.15, T, R - L + 0.3, B - T, 2 * RX + 0.3, 3.2 * RX), false);
        p.moveTo(CX + 0.4, 7.0);
        p.lineTo(R + 0.3, B + 0.3);
      }
      case 'S' -> {
        p.moveTo(R - 0.1, T + 1.4);
        p.curveTo(R - 0.5, T - 0.3, L + 0.1, T - 0.3, L, T + 2.1);
        p.curveTo(L, M - 0.4, R, M - 0.6, R, B - 2.1);
        p.curveTo(R, B + 0.35, L + 0.2, B + 0.35, L - 0.05, B - 1.3);
      }
      case 'T' -> {
        p.moveTo(L - 0.2, T);
        p.lineTo(R + 0.2, T);
        p.moveTo(CX, T);
        p.lineTo(CX, B);
      }
      case 'U', 'V' -> {
        p.moveTo(L, T);
        if (c == 'U') {
          p.lineTo(L, B - RX);
          p.append(new Arc2D.Double(L, B - 2 * RX, 2 * RX, 2 * RX, 180, 180, Arc2D.OPEN), true);
        } else {
          p.lineTo(CX - 0.3, B);
          p.lineTo(CX + 0.3, B);
        }
        p.lineTo(R, T);
      }
      case 'W' -> {
        if (narrow) {
          p.moveTo(L - 0.1, T);
          p.lineTo(L + 0.9, B);
          p.lineTo(CX, 4.2);
          p.lineTo(R - 0.9, B);
          p.lineTo(R + 0.1, T);
          break;
        }
        p.moveTo(L - 0.8, T);
        p.lineTo(L + 0.5, B);
        p.lineTo(CX, alt ? T : 3.4);
        p.lineTo(R - 0.5, B);
        p.lineTo(R + 0.8, T);
      }
      case 'X' -> {
        p.moveTo(L, T);
        p.lineTo(R, B);
        p.moveTo(R, T);
        p.lineTo(L, B);
      }
      case 'Y' -> {
        p.moveTo(L - 0.1, T);
        p.lineTo(CX, 5.3);
        p.lineTo(R + 0.1, T);
        p.moveTo(CX, 5.3);
        p.lineTo(CX, B);
      }
      case 'Z' -> {
        p.moveTo(L, T);
        p.lineTo(R, T);
        p.lineTo(L, B);
        p.lineTo(R, B);
      }
      default -> throw new IllegalArgumentException("no stroke glyph for '" + c + "'");
    }
    return p;
  }
}
