package io.cruddur.stackfile;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/** The class path a stack file compiles against: the JVM's, plus where Cruddur's own classes come from. */
final class Classpath {
  private Classpath() {}

  static String of() {
    Set<String> entries = new LinkedHashSet<>();
    for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
      if (!e.isBlank()) {
        entries.add(e);
      }
    }
    for (Class<?> c : new Class<?>[] {io.cruddur.spec.Stack.class, io.cruddur.Cruddur.class, StackFile.class}) {
      try {
        var source = c.getProtectionDomain().getCodeSource();
        if (source != null) {
          entries.add(Path.of(source.getLocation().toURI()).toString());
        }
      } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
        // Not a file location (a custom class loader): the JVM's class path has to do.
      }
    }
    return String.join(File.pathSeparator, entries);
  }
}
