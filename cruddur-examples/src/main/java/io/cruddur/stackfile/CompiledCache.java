package io.cruddur.stackfile;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The class bytes of {@code .java} stack files that compiled, on disk, so that a file whose source has not changed
 * is not compiled again: javac is most of a cold start (loading and JIT-compiling its classes takes seconds, the
 * file's own compilation little). An entry is keyed by a SHA-256 of all that the bytes depend on: the source text,
 * the file's path, the class path it compiled against (each entry's path, size and modification time, so a rebuilt
 * jar is a new key) and the Java version. A failed compilation is never stored, so that its errors are javac's
 * every time.
 *
 * <p>Where: {@code $CRUDDUR_CACHE/stackfiles/HASH/}, else {@code $XDG_CACHE_HOME/cruddur/...}, else
 * {@code ~/.cache/cruddur/...}; {@code CRUDDUR_CACHE=off} turns it off. Best effort: an entry is written in a
 * temporary folder and renamed into place, so that a reader sees a whole entry or none; one that cannot be read or
 * does not match its checksums is a miss (and is removed), and a cache that cannot be written is not used. No run
 * fails because of it. Thread-safe, and safe for processes sharing the folder.
 */
final class CompiledCache {
  private static final Logger LOG = LoggerFactory.getLogger(CompiledCache.class);
  /** The entry's format and the compiler options the bytes come from: a change to either is a new key. */
  private static final String FORMAT = "cruddur stack file cache 1; -proc:none -g";
  private static final String MANIFEST = "entry";
  private static final CompiledCache OFF = new CompiledCache(null);

  /** A file's compilation: its first class, that class's stack methods, and every class's bytes by binary name. */
  record Compiled(String className, List<JavaLoader.StackMethod> methods, Map<String, byte[]> classes) {}

  /** The {@code stackfiles} folder, or null when the cache is off. */
  private final Path root;

  private CompiledCache(Path root) {
    this.root = root;
  }

  /** The cache the environment asks for (see the class comment). */
  static CompiledCache fromEnvironment() {
    String dir = System.getenv("CRUDDUR_CACHE");
    if (dir != null && !dir.isBlank()) {
      return switch (dir.strip().toLowerCase(java.util.Locale.ROOT)) {
        case "off", "0", "false", "no" -> OFF;
        default -> in(Path.of(dir));
      };
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    // The XDG base directory specification: a relative path is to be ignored.
    Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
        : Path.of(System.getProperty("user.home"), ".cache");
    return in(base.resolve("cruddur"));
  }

  /** A cache in {@code dir} (its {@code stackfiles} folder). */
  static CompiledCache in(Path dir) {
    return new CompiledCache(dir.resolve("stackfiles"));
  }

  static CompiledCache off() {
    return OFF;
  }

  boolean enabled() {
    return root != null;
  }

  /** The key of {@code file} with {@code text} compiled against {@code classpath} by this Java. */
  static String key(Path file, String text, String classpath) {
    MessageDigest sha = sha256();
    for (String part : List.of(FORMAT, System.getProperty("java.version", ""),
        System.getProperty("java.vendor", ""), file.toAbsolutePath().normalize().toString(), identity(classpath),
        text)) {
      sha.update(part.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  /**
   * What the class path's contents are, cheaply: each entry's path, size and modification time; for a folder of
   * classes (tests, an IDE), the same of every file in it, as its own time does not change when a file in a
   * subfolder does.
   */
  private static String identity(String classpath) {
    StringBuilder sb = new StringBuilder();
    for (String entry : classpath.split(File.pathSeparator)) {
      if (entry.isBlank()) {
        continue;
      }
      try {
        // Absolute: java -jar with a relative path and the launcher's absolute one are the same jar.
        Path p = Path.of(entry).toAbsolutePath().normalize();
        sb.append(p).append('|');
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
        if (a.isDirectory()) {
          long[] files = new long[4]; // count, total size, latest modification, unreadable
          try (Stream<Path> walk = Files.walk(p)) {
            walk.forEach(f -> {
              try {
                BasicFileAttributes fa = Files.readAttributes(f, BasicFileAttributes.class);
                files[0]++;
                files[1] += fa.size();
                files[2] = Math.max(files[2], fa.lastModifiedTime().toMillis());
              } catch (IOException e) {
                files[3]++;
              }
            });
          }
          sb.append("dir ").append(files[0]).append(' ').append(files[1]).append(' ').append(files[2]).append(' ')
              .append(files[3]);
        } else {
          sb.append(a.size()).append(' ').append(a.lastModifiedTime().toMillis());
        }
      } catch (IOException | UncheckedIOException | java.nio.file.InvalidPathException e) {
        sb.append(entry).append("|unreadable");
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  /** The entry under {@code key}, or null: none, or one that cannot be read or fails its checksums (removed). */
  Compiled read(String key) {
    if (root == null) {
      return null;
    }
    Path dir = root.resolve(key);
    if (!Files.isDirectory(dir)) {
      return null;
    }
    try {
      List<String> lines = Files.readAllLines(dir.resolve(MANIFEST), StandardCharsets.UTF_8);
      if (lines.size() < 4 || !lines.get(0).equals(FORMAT) || !lines.get(lines.size() - 1).equals("end")) {
        throw new IOException("not a whole entry");
      }
      String className = null;
      List<JavaLoader.StackMethod> methods = new ArrayList<>();
      Map<String, byte[]> classes = new LinkedHashMap<>();
      for (String line : lines.subList(2, lines.size() - 1)) {
        String[] f = line.split(" ");
        switch (f[0]) {
          case "class" -> className = f[1];
          case "method" -> methods.add(new JavaLoader.StackMethod(f[1], Long.parseLong(f[2])));
          case "bytes" -> {
            byte[] b = Files.readAllBytes(dir.resolve(f[1] + ".class"));
            if (!HexFormat.of().formatHex(sha256().digest(b)).equals(f[2])) {
              throw new IOException(f[1] + ".class does not match its checksum");
            }
            classes.put(f[1], b);
          }
          default -> throw new IOException("unknown line: " + line);
        }
      }
      if (className == null || !classes.containsKey(className)) {
        throw new IOException("no class");
      }
      return new Compiled(className, List.copyOf(methods), classes);
    } catch (IOException | RuntimeException e) {
      LOG.debug("stack file cache: ignoring the entry {} ({}), compiling", dir, e.toString());
      delete(dir);
      return null;
    }
  }

  /** Stores {@code c} under {@code key}, in place of the entries of older versions of the same file. */
  void write(String key, Path file, Compiled c) {
    if (root == null) {
      return;
    }
    Path tmp = null;
    try {
      Files.createDirectories(root);
      tmp = Files.createTempDirectory(root, key + ".tmp");
      List<String> lines = new ArrayList<>();
      lines.add(FORMAT);
      lines.add("path " + file.toAbsolutePath().normalize());
      lines.add("class " + c.className());
      c.methods().forEach(m -> lines.add("method " + m.name() + " " + m.line()));
      for (Map.Entry<String, byte[]> e : c.classes().entrySet()) {
        Files.write(tmp.resolve(e.getKey() + ".class"), e.getValue());
        lines.add("bytes " + e.getKey() + " " + HexFormat.of().formatHex(sha256().digest(e.getValue())));
      }
      lines.add("end");
      Files.write(tmp.resolve(MANIFEST), lines, StandardCharsets.UTF_8);
      removeOthersOf(lines.get(1), key);
      try {
        Files.move(tmp, root.resolve(key), StandardCopyOption.ATOMIC_MOVE);
        tmp = null;
      } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
        // another run stored the same compilation first
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("stack file cache: cannot store {} in {} ({})", file, root, e.toString());
    } finally {
      if (tmp != null) {
        delete(tmp);
      }
    }
  }

  /**
   * Removes the other entries of the file whose manifest's path line is {@code pathLine}, so that the cache keeps
   * one entry a file instead of one for each of its versions, and what crashed writers left an hour ago.
   */
  private void removeOthersOf(String pathLine, String key) {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
      for (Path dir : entries) {
        String name = dir.getFileName().toString();
        if (name.equals(key) || name.startsWith(key + ".tmp")) {
          continue;
        }
        if (name.contains(".tmp")) {
          if (Files.getLastModifiedTime(dir).toMillis() < System.currentTimeMillis() - 3_600_000) {
            delete(dir);
          }
          continue;
        }
        try (Stream<String> lines = Files.lines(dir.resolve(MANIFEST), StandardCharsets.UTF_8)) {
          if (lines.skip(1).findFirst().filter(pathLine::equals).isPresent()) {
            delete(dir);
          }
        } catch (IOException | UncheckedIOException e) {
          // not an entry, or being removed: left alone
        }
      }
    } catch (IOException e) {
      LOG.debug("stack file cache: cannot list {} ({})", root, e.toString());
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          // best effort: a later run tries again
        }
      });
    } catch (IOException | UncheckedIOException e) {
      // gone already, or not ours to remove
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }
}
