package io.cruddur.stackfile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Lines and columns of a file's offsets, and a scanner for what comes between statements. */
final class Positions {
  private final Path file;
  private final String text;
  private final List<Integer> lineStarts = new ArrayList<>();

  Positions(Path file, String text) {
    this.file = file;
    this.text = text;
    lineStarts.add(0);
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        lineStarts.add(i + 1);
      }
    }
  }

  /** The line (from 1) of {@code offset}. */
  long line(int offset) {
    int lo = 0;
    int hi = lineStarts.size() - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (lineStarts.get(mid) <= offset) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo + 1;
  }

  /** The offset where {@code line} (from 1) starts; the last line's start past the end. */
  int offsetOfLine(int line) {
    return lineStarts.get(Math.max(0, Math.min(line, lineStarts.size()) - 1));
  }

  /** An error at {@code offset}. */
  StackFileException.Error at(int offset, String message) {
    return at(offset, message, false);
  }

  /** An error at {@code offset}; with {@code firstOnLine}, at the first non-blank character of its line. */
  StackFileException.Error at(int offset, String message, boolean firstOnLine) {
    long line = line(offset);
    int start = lineStarts.get((int) line - 1);
    int at = offset;
    if (firstOnLine) {
      at = start;
      while (at < text.length() && (text.charAt(at) == ' ' || text.charAt(at) == '\t')) {
        at++;
      }
    }
    return new StackFileException.Error(file, line, at - start + 1L, message);
  }

  /** The first offset at or after {@code pos} that is neither white space nor in a comment. */
  static int skipBlankAndComments(String text, int pos) {
    int i = pos;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (text.startsWith("//", i)) {
        int nl = text.indexOf('\n', i);
        i = nl < 0 ? text.length() : nl + 1;
      } else if (text.startsWith("/*", i)) {
        int end = text.indexOf("*/", i + 2);
        i = end < 0 ? text.length() : end + 2;
      } else {
        return i;
      }
    }
    return i;
  }
}
