package io.cruddur.cli;

import io.cruddur.spec.Stack;
import io.cruddur.stackfile.StackFile;
import java.nio.file.Path;

/** The bundled stack files, as the tests load them. */
final class Examples {
  /** The checkout's stacks/ folder (the tests run in the module's directory). */
  static final Path STACKS = Path.of(System.getProperty("cruddur.home", ".."), "stacks").toAbsolutePath()
      .normalize();
  static final String DOMAIN = "cruddur.example.com";

  private static Stack cruddur;

  private Examples() {}

  /** The reference app, from stacks/cruddur.java (compiled once). */
  static synchronized Stack cruddur() {
    if (cruddur == null) {
      cruddur = StackFile.load(STACKS.resolve("cruddur.java")).single();
    }
    return cruddur;
  }
}
