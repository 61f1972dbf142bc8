package io.corridor.anpr.builtin;

import static org.bytedeco.opencv.global.opencv_core.CV_32S;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_GRAYSCALE;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgproc.ADAPTIVE_THRESH_MEAN_C;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY_INV;
import static org.bytedeco.opencv.global.opencv_imgproc.adaptiveThreshold;
import static org.bytedeco.opencv.global.opencv_imgproc.connectedComponentsWithStats;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import io.corridor.anpr.BuiltinRecognizerFactory;
import io.corridor.anpr.EngineUnavailableException;
import io.corridor.anpr.InvalidImageException;
import io.corridor.anpr.PlateCandidate;
import io.corridor.anpr.PlateRecognizer;
import io.corridor.anpr.Point;
import io.corridor.anpr.RecognitionException;
import io.corridor.anpr.RecognitionHints;
import io.corridor.anpr.RecognitionResult;
import io.corridor.anpr.RecognizedPlate;
import io.corridor.anpr.image.ImageInfo;
import io.corridor.anpr.image.ImageProbe;
import io.corridor.anpr.plate.PlatePostProcessor;
import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.tesseract.TessBaseAPI;

/**
 * Corridor's built-in engine ({@value #ENGINE}): needs only Maven Central jars (OpenCV and
 * Tesseract through JavaCPP) and Debian's {@code tesseract-ocr-eng} language data.
 *
 * <p>Pipeline: decode to grey with OpenCV; scale to at most {@value #MAX_WIDTH} px wide; adaptive
 * threshold in both polarities; connected components; rows of character-like blobs of similar
 * height ({@link CharBandFinder}); for the best rows, the blobs alone are re-laid out on a clean
 * white line (dropping frame, screws, the EU strip and separators) and read by Tesseract in
 * single-line mode with an A-Z0-9 whitelist; per-symbol alternatives give the top-N candidates,
 * which {@link PlatePostProcessor} corrects against the plate formats.
 *
 * <p>Thread-safe: one Tesseract handle per calling thread (Tesseract's API is not).
 */
public final class BuiltinRecognizer implements PlateRecognizer {

  /** Registry name. */
  public static final String ENGINE = "builtin";
  /** Where Debian's tesseract-ocr-eng puts eng.traineddata. */
  public static final Path DEBIAN_TESSDATA = Path.of("/usr/share/tesseract-ocr/5/tessdata");
  /** System property overriding the tessdata folder. */
  public static final String TESSDATA_PROPERTY = "corridor.anpr.tessdata";

  static final int MAX_WIDTH = 1280;
  private static final int MAX_BANDS = 3;
  private static final int GLYPH_HEIGHT = Integer.getInteger("corridor.anpr.glyphHeight", 40);
  private static final String WHITELIST = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

  private final Path tessdata;
  private final ImageProbe probe = new ImageProbe();
  private final PlatePostProcessor postProcessor = new PlatePostProcessor();
  private final ConcurrentLinkedQueue<TessBaseAPI> handles = new ConcurrentLinkedQueue<>();
  private final ThreadLocal<TessBaseAPI> tesseract;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private volatile boolean closed;

  private BuiltinRecognizer(Path tessdata) {
    this.tessdata = tessdata;
    this.tesseract = ThreadLocal.withInitial(this::newTesseract);
  }

  /** The factory for {@link io.corridor.anpr.RecognizerRegistry#withBuiltin}, default tessdata. */
  public static BuiltinRecognizerFactory factory() {
    return settings -> open(defaultTessdata());
  }

  /** The tessdata folder: system property {@value #TESSDATA_PROPERTY}, else Debian's. */
  public static Path defaultTessdata() {
    String p = System.getProperty(TESSDATA_PROPERTY);
    return p != null && !p.isBlank() ? Path.of(p) : DEBIAN_TESSDATA;
  }

  /**
   * Starts the engine: loads OpenCV and Tesseract natives and the English model now.
   *
   * @throws EngineUnavailableException natives or eng.traineddata missing
   */
  public static BuiltinRecognizer open(Path tessdata) {
    if (!Files.isRegularFile(tessdata.resolve("eng.traineddata"))) {
      throw new EngineUnavailableException("built-in ANPR engine: Tesseract language data " + tessdata.resolve("eng.traineddata")
          + " not found; install it with 'apt-get install tesseract-ocr-eng' or set -D" + TESSDATA_PROPERTY + "=<folder>");
    }
    try {
      try (Mat probeMat = new Mat(2, 2, CV_8UC1)) {
        probeMat.rows(); // loads OpenCV's natives
      }
    } catch (LinkageError e) {
      throw new EngineUnavailableException("built-in ANPR engine: OpenCV native libraries (org.bytedeco:opencv, "
          + "linux-x86_64 classifier) cannot be loaded; build with -Djavacpp.platform=linux-x86_64: " + e, e);
    }
    BuiltinRecognizer recognizer = new BuiltinRecognizer(tessdata);
    try {
      recognizer.tesseract.get(); // fails now, not on the first frame
    } catch (LinkageError e) {
      throw new EngineUnavailableException("built-in ANPR engine: Tesseract native libraries (org.bytedeco:tesseract, "
          + "linux-x86_64 classifier) cannot be loaded: " + e, e);
    }
    return recognizer;
  }

  private TessBaseAPI newTesseract() {
    TessBaseAPI api = new TessBaseAPI();
    if (api.Init(tessdata.toString(), "eng") != 0) {
      api.close();
      throw new EngineUnavailableException("built-in ANPR engine: Tesseract could not load eng.traineddata from " + tessdata);
    }
    api.SetPageSegMode(org.bytedeco.tesseract.global.tesseract.PSM_SINGLE_LINE);
    api.SetVariable("tessedit_char_whitelist", WHITELIST);
    api.SetVariable("lstm_choice_mode", System.getProperty("corridor.anpr.choiceMode", "2"));
    handles.add(api);
    return api;
  }

  @Override
  public String engine() {
    return ENGINE;
  }

  @Override
  public RecognitionResult recognize(byte[] image, RecognitionHints hints) {
    long t0 = System.nanoTime();
    ImageInfo info = probe.probe(image);
    lock.readLock().lock();
    try {
      if (closed) {
        throw new RecognitionException("built-in ANPR engine is closed");
      }
      List<RecognizedPlate> plates = new ArrayList<>();
      // Outside the scope: a handle made inside it would be freed when the scope closes, and this
      // thread's next call would find a dead Tesseract.
      TessBaseAPI api = tesseract.get();
      try (PointerScope scope = new PointerScope()) {
        Mat gray = decode(image, info);
        double scale = gray.cols() > MAX_WIDTH ? (double) MAX_WIDTH / gray.cols() : 1.0;
        Mat small = gray;
        if (scale < 1.0) {
          small = new Mat();
          resize(gray, small, new Size(MAX_WIDTH, (int) Math.round(gray.rows() * scale)), 0, 0, INTER_AREA);
        }
        List<CharBand> bands = findBands(small);
        for (CharBand band : bands.subList(0, Math.min(MAX_BANDS, bands.size()))) {
          List<PlateCandidate> candidates = LineReader.read(api, band, GLYPH_HEIGHT);
          if (candidates.isEmpty()) {
            continue;
          }
          RecognizedPlate plate = new RecognizedPlate(candidates, corners(band, scale), null, null, null, 0,
              Duration.ofNanos(System.nanoTime() - t0));
          plate = postProcessor.process(plate, hints);
          if (plate != null && plate.text().length() >= 4) {
            plates.add(plate);
          }
        }
      }
      plates.sort(Comparator.comparingDouble(BuiltinRecognizer::rank).reversed());
      return new RecognitionResult(plates, info.width(), info.height(), Duration.ofNanos(System.nanoTime() - t0));
    } catch (InvalidImageException | RecognitionException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new RecognitionException("built-in ANPR engine failed: " + e, e);
    } finally {
      lock.readLock().unlock();
    }
  }

  private static double rank(RecognizedPlate p) {
    int len = p.text().length();
    double lengthFit = len >= 5 && len <= 8 ? 1.0 : 0.6;
    return p.confidence() * lengthFit * (p.matchesFormat() ? 1.2 : 1.0);
  }

  private static Mat decode(byte[] image, ImageInfo info) {
    Mat raw = new Mat(1, image.length, CV_8UC1);
    raw.data().put(image);
    Mat gray = imdecode(raw, IMREAD_GRAYSCALE);
    if (gray == null || gray.empty()) {
      throw new InvalidImageException(info.format() + " image " + info.width() + "x" + info.height() + " could not be decoded");
    }
    return gray;
  }

  private static List<CharBand> findBands(Mat small) {
    int w = small.cols(), h = small.rows();
    List<CharBand> all = new ArrayList<>();
    byte[] grayPixels = null;
    for (int type : new int[] {THRESH_BINARY_INV, THRESH_BINARY}) {
      Mat bin = new Mat();
      adaptiveThreshold(small, bin, 255, ADAPTIVE_THRESH_MEAN_C, type, 31, 12);
      Mat labels = new Mat(), stats = new Mat(), centroids = new Mat();
      int n = connectedComponentsWithStats(bin, labels, stats, centroids, 8, CV_32S);
      int[] lab = new int[w * h];
      if (grayPixels == null) {
        grayPixels = new byte[w * h];
        ByteBuffer gb = small.createBuffer();
        for (int y = 0; y < h; y++) {
          gb.position(y * (int) small.step()).get(grayPixels, y * w, w);
        }
      }
      ((IntBuffer) labels.createBuffer()).get(lab);
      int[] st = new int[n * 5];
      IntBuffer sb = stats.createBuffer();
      for (int i = 0; i < n; i++) {
        for (int k = 0; k < 5; k++) {
          st[i * 5 + k] = sb.get(i * stats.cols() + k);
        }
      }
      all.addAll(new CharBandFinder(10).find(lab, st, n, w, h, grayPixels, type == THRESH_BINARY_INV));
    }
    all.sort(Comparator.comparingDouble(CharBand::score).reversed());
    return all;
  }

  /** The plate's estimated corners: the character band widened to the plate's margins. */
  static List<Point> corners(CharBand band, double scale) {
    double hh = band.meanHeight();
    double x0 = band.left() - 0.45 * hh, x1 = band.right() + 0.45 * hh;
    double up = 0.5 * hh * 1.3, down = 0.5 * hh * 1.3;
    double y0 = band.centreY(x0), y1 = band.centreY(x1);
    return List.of(pt(x0, y0 - up, scale), pt(x1, y1 - up, scale), pt(x1, y1 + down, scale), pt(x0, y0 + down, scale));
  }

  private static Point pt(double x, double y, double scale) {
    return new Point((int) Math.round(Math.max(0, x) / scale), (int) Math.round(Math.max(0, y) / scale));
  }

  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      TessBaseAPI api;
      while ((api = handles.poll()) != null) {
        if (!api.isNull()) {
          api.End();
        }
        api.close();
      }
    } finally {
      lock.writeLock().unlock();
    }
  }
}
