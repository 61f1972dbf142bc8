package io.corridor.anpr;

/**
 * A pixel position in the recognised image, origin top-left, x to the right, y downwards.
 *
 * @param x column in pixels
 * @param y row in pixels
 */
public record Point(int x, int y) {}
