package io.corridor.anpr.nn;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** A network's weights in its file, after the {@link NetHeader}: the convolutions, then each dense layer. */
public final class Weights {

  private Weights() {}

  /** Writes a whole network file: the header, then the weights. */
  public static void save(java.io.OutputStream out, NetHeader shape, int magic, int height, int width, ConvStack convs, Dense... dense)
      throws IOException {
    DataOutputStream data = new DataOutputStream(out);
    shape.write(data, magic, height, width);
    write(data, convs, dense);
  }

  /** Writes every weight as a big-endian float. */
  public static void write(DataOutputStream data, ConvStack convs, Dense... dense) throws IOException {
    convs.write(data);
    for (Dense d : dense) d.write(data);
    data.flush();
  }

  /** Reads what {@link #write} wrote into networks of the same shape. */
  public static void read(DataInputStream data, ConvStack convs, Dense... dense) throws IOException {
    convs.read(data);
    for (Dense d : dense) d.read(data);
  }
}
