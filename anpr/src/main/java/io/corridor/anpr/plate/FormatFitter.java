package io.corridor.anpr.plate;

import java.util.List;
import java.util.Optional;

/**
 * Depth-first search for the way to split a text into a format's segments that needs the fewest
 * confusable swaps. Plates are at most a dozen characters in four or five runs, so the search
 * space is tiny; pruning on the best count so far keeps it so.
 */
final class FormatFitter {

  /** A fitted text and how many characters were swapped to get it. */
  record Fit(String text, int swaps) {}

  private final List<Segment> segments;
  private final String text;
  private final char[] work;
  private String bestText;
  private int bestSwaps = Integer.MAX_VALUE;

  private FormatFitter(List<Segment> segments, String text) {
    this.segments = segments;
    this.text = text;
    this.work = new char[text.length()];
  }

  static Optional<Fit> fit(List<Segment> segments, String text) {
    FormatFitter fitter = new FormatFitter(segments, text);
    fitter.search(0, 0, 0);
    return fitter.bestText == null ? Optional.empty() : Optional.of(new Fit(fitter.bestText, fitter.bestSwaps));
  }

  private void search(int seg, int pos, int swaps) {
    if (swaps >= bestSwaps) {
      return;
    }
    if (seg == segments.size()) {
      if (pos == text.length()) {
        bestSwaps = swaps;
        bestText = new String(work);
      }
      return;
    }
    Segment segment = segments.get(seg);
    if (segment.minLength() == 0) {
      search(seg + 1, pos, swaps); // an optional run left out: the shortest choice first
    }
    int runSwaps = 0;
    for (int len = 1; len <= segment.maxLength() && pos + len <= text.length(); len++) {
      int swapped = place(segment, pos + len - 1);
      if (swapped < 0) {
        break; // this character fits no way, so no longer run can either
      }
      runSwaps += swapped;
      if (len >= segment.minLength() && valueAllowed(segment, pos, len)) {
        search(seg + 1, pos + len, swaps + runSwaps);
      }
    }
  }

  /** Writes the character at {@code at} as the segment needs it: 0 kept, 1 swapped, -1 impossible. */
  private int place(Segment segment, int at) {
    char c = text.charAt(at);
    if (segment.allows(c)) {
      work[at] = c;
      return 0;
    }
    char swapped = Confusables.swap(c);
    if (swapped != 0 && segment.allows(swapped)) {
      work[at] = swapped;
      return 1;
    }
    return -1;
  }

  private boolean valueAllowed(Segment segment, int pos, int len) {
    return segment.values().isEmpty() || segment.values().contains(new String(work, pos, len));
  }
}
