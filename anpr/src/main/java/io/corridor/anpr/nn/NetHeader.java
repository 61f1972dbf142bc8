package io.corridor.anpr.nn;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The shape a network file starts with: a magic number naming the kind of network, the input's
 * height and width, the classes, the convolution channels and the hidden units.
 */
public record NetHeader(int classes, int[] channels, int hiddenUnits) {

  /** Writes {@code magic}, the input size and this shape. */
  public void write(DataOutputStream data, int magic, int height, int width) throws IOException {
    for (int v : new int[] {magic, height, width, classes, channels.length}) data.writeInt(v);
    for (int c : channels) data.writeInt(c);
    data.writeInt(hiddenUnits);
  }

  /**
   * Reads a header written by {@link #write}.
   *
   * @param kind the network's name in error messages
   * @throws IOException another kind of network, or one for another input size
   */
  public static NetHeader read(DataInputStream data, int magic, int height, int width, String kind) throws IOException {
    if (data.readInt() != magic) {
      throw new IOException("not a Corridor " + kind + " network (bad magic number)");
    }
    int h = data.readInt(), w = data.readInt();
    if (h != height || w != width) {
      throw new IOException(kind + " network expects " + w + "x" + h + " inputs, this build makes " + width + "x" + height);
    }
    int classes = data.readInt();
    int[] channels = new int[data.readInt()];
    for (int i = 0; i < channels.length; i++) channels[i] = data.readInt();
    return new NetHeader(classes, channels, data.readInt());
  }
}
