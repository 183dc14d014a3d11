package io.cruddur.stackfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cache of compiled {@code .java} stack files: an unchanged file is not compiled again, a changed one is, a
 * damaged entry is compiled again, and a file that does not compile is never stored.
 */
class CompiledCacheTest {
  @TempDir
  Path dir;

  private static final String APP = """
      import io.cruddur.spec.Image;
      import io.cruddur.spec.Stack;

      public class App {
        static Stack stack() {
          return Stack.builder().name("web").repository("web")
              .addService(s -> s.name("web").image(Image.ecr("web", "1.0.0")).desiredCount(COUNT))
              .build();
        }
      }
      """;

  private Path file(String name, String text) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  private CompiledCache cache() {
    return CompiledCache.in(dir.resolve("cache"));
  }

  /** Loads {@code file} as {@link StackFile#load} does, through the cache; returns how many times javac ran. */
  private static int compilationsOf(Path file, CompiledCache cache, List<StackFile.Found> out) throws Exception {
    int before = JavaLoader.COMPILATIONS.get();
    out.addAll(JavaLoader.load(file, Files.readString(file, StandardCharsets.UTF_8), cache));
    return JavaLoader.COMPILATIONS.get() - before;
  }

  private static int desiredCount(List<StackFile.Found> found) {
    return found.get(0).stack().service("web").orElseThrow().desiredCount();
  }

  private List<Path> entries() throws Exception {
    Path root = dir.resolve("cache/stackfiles");
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(root)) {
      return s.toList();
    }
  }

  @Test
  void anUnchangedFileIsLoadedFromTheCacheWithoutJavac() throws Exception {
    Path file = file("App.java", APP.replace("COUNT", "2"));
    List<StackFile.Found> first = new java.util.ArrayList<>();
    List<StackFile.Found> second = new java.util.ArrayList<>();
    assertThat(compilationsOf(file, cache(), first)).isEqualTo(1);
    assertThat(compilationsOf(file, cache(), second)).as("a hit").isZero();
    assertThat(second).hasSize(1);
    assertThat(second.get(0).stack()).isEqualTo(first.get(0).stack());
    assertThat(second.get(0).line()).isEqualTo(first.get(0).line()).isEqualTo(5);
    assertThat(entries()).hasSize(1);
  }

  @Test
  void anEditedFileIsCompiledAgainAndReplacesItsOldEntry() throws Exception {
    Path file = file("App.java", APP.replace("COUNT", "2"));
    List<StackFile.Found> found = new java.util.ArrayList<>();
    assertThat(compilationsOf(file, cache(), found)).isEqualTo(1);
    Files.writeString(file, APP.replace("COUNT", "3"));
    found.clear();
    assertThat(compilationsOf(file, cache(), found)).isEqualTo(1);
    assertThat(desiredCount(found)).isEqualTo(3);
    assertThat(entries()).as("one entry a file").hasSize(1);
    found.clear();
    assertThat(compilationsOf(file, cache(), found)).isZero();
    assertThat(desiredCount(found)).isEqualTo(3);
  }

  @Test
  void theSameSourceAtAnotherPathHasAnEntryOfItsOwn() throws Exception {
    Path a = file("App.java", APP.replace("COUNT", "2"));
    Files.createDirectories(dir.resolve("other"));
    Path b = file("other/App.java", APP.replace("COUNT", "2"));
    assertThat(compilationsOf(a, cache(), new java.util.ArrayList<>())).isEqualTo(1);
    assertThat(compilationsOf(b, cache(), new java.util.ArrayList<>())).isEqualTo(1);
    assertThat(entries()).hasSize(2);
  }

  @Test
  void aDamagedEntryIsCompiledAgainAndRewritten() throws Exception {
    Path file = file("App.java", APP.replace("COUNT", "2"));
    assertThat(compilationsOf(file, cache(), new java.util.ArrayList<>())).isEqualTo(1);
    Path entry = entries().get(0);
    Path classFile = entry.resolve("App.class");
    byte[] bytes = Files.readAllBytes(classFile);
    bytes[bytes.length / 2] ^= 0x5a;
    Files.write(classFile, bytes);
    List<StackFile.Found> found = new java.util.ArrayList<>();
    assertThat(compilationsOf(file, cache(), found)).isEqualTo(1);
    assertThat(desiredCount(found)).isEqualTo(2);
    assertThat(compilationsOf(file, cache(), new java.util.ArrayList<>())).as("rewritten").isZero();

    Files.writeString(entries().get(0).resolve("entry"), "cruddur stack file cache 1; -proc:none -g\npath");
    assertThat(compilationsOf(file, cache(), new java.util.ArrayList<>())).as("a truncated manifest").isEqualTo(1);
    Files.delete(entries().get(0).resolve("entry"));
    assertThat(compilationsOf(file, cache(), new java.util.ArrayList<>())).as("no manifest").isEqualTo(1);
  }

  @Test
  void aCacheThatCannotBeWrittenIsNotUsed() throws Exception {
    Path file = file("App.java", APP.replace("COUNT", "2"));
    Path notAFolder = file("cache", "a file where the cache's folder would be");
    CompiledCache cache = CompiledCache.in(notAFolder);
    List<StackFile.Found> found = new java.util.ArrayList<>();
    assertThat(compilationsOf(file, cache, found)).isEqualTo(1);
    assertThat(desiredCount(found)).isEqualTo(2);
    assertThat(compilationsOf(file, cache, new java.util.ArrayList<>())).isEqualTo(1);
  }

  @Test
  void offCompilesEveryTime() throws Exception {
    Path file = file("App.java", APP.replace("COUNT", "2"));
    assertThat(compilationsOf(file, CompiledCache.off(), new java.util.ArrayList<>())).isEqualTo(1);
    assertThat(compilationsOf(file, CompiledCache.off(), new java.util.ArrayList<>())).isEqualTo(1);
  }

  @Test
  void aFileThatDoesNotCompileIsNeverStoredAndItsErrorsAreJavacsEachTime() throws Exception {
    Path file = file("Typo.java", """
        import io.cruddur.spec.Stack;

        class Typo {
          static Stack stack() {
            return Stack.builder().name("web")
                .regoin("x")
                .build();
          }
        }
        """);
    String text = Files.readString(file);
    StackFileException uncached = assertThrows(StackFileException.class,
        () -> JavaLoader.load(file, text, CompiledCache.off()));
    for (int i = 0; i < 2; i++) {
      int before = JavaLoader.COMPILATIONS.get();
      StackFileException e = assertThrows(StackFileException.class, () -> JavaLoader.load(file, text, cache()));
      assertThat(JavaLoader.COMPILATIONS.get() - before).isEqualTo(1);
      assertThat(e.errors()).isEqualTo(uncached.errors());
      assertThat(e.errors()).singleElement().satisfies(err -> {
        assertThat(err.line()).isEqualTo(6);
        assertThat(err.column()).isEqualTo(9);
        assertThat(err.message()).contains("cannot find symbol").contains("regoin");
      });
    }
    assertThat(entries()).isEmpty();
  }

  @Test
  void anExceptionWhileBuildingIsReportedAtTheSameLineFromTheCache() throws Exception {
    Path file = file("Bad.java", """
        import io.cruddur.spec.Stack;

        class Bad {
          static Stack stack() {
            return Stack.builder()
                .name("Not A Name")
                .build();
          }
        }
        """);
    String text = Files.readString(file);
    StackFileException compiled = assertThrows(StackFileException.class, () -> JavaLoader.load(file, text, cache()));
    int before = JavaLoader.COMPILATIONS.get();
    StackFileException cached = assertThrows(StackFileException.class, () -> JavaLoader.load(file, text, cache()));
    assertThat(JavaLoader.COMPILATIONS.get()).as("it compiled, so it is stored").isEqualTo(before);
    assertThat(cached.errors()).isEqualTo(compiled.errors());
    assertThat(cached.errors().get(0).line()).isEqualTo(7);
  }
}
