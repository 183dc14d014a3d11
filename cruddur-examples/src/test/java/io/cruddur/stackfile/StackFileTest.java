package io.cruddur.stackfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cruddur.base.CruddurException;
import io.cruddur.spec.Stack;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stack files of both kinds: what they define, and their errors by file, line and column. */
class StackFileTest {
  @TempDir
  Path dir;

  private Path write(String name, String text) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  private static StackFileException.Error onlyError(Path file) {
    StackFileException e = org.junit.jupiter.api.Assertions.assertThrows(StackFileException.class,
        () -> StackFile.load(file));
    assertThat(e.errors()).as(e.getMessage()).hasSize(1);
    return e.errors().get(0);
  }

  @Test
  void aScriptsBuilderChainWithLeadingDotsIsOneStatementAndItsLastExpressionIsTheStack() throws Exception {
    Path file = write("web.jsh", """
        // a comment first
        var tag = "1.2.3";

        Stack.builder()
            .name("web")          // the stack's name
            .region("eu-west-1")

            // between the lines of a chain: blank lines and comments
            .repository("web")
            /* a block comment */ .addService(s -> s.name("site")
                .image(Image.ecr("web", tag)).port(8080))
            .build()
        """);
    StackFile f = StackFile.load(file);
    assertThat(f.stacks()).containsOnlyKeys("web");
    Stack s = f.single();
    assertThat(s.region()).isEqualTo("eu-west-1");
    assertThat(s.service("site").orElseThrow().image().tag()).isEqualTo("1.2.3");
  }

  @Test
  void aScriptMayDefineSeveralStacksByVariableAndMethodAndTheyAreChosenByName() throws Exception {
    Path file = write("envs.jsh", """
        Stack base(String name) {
          return Stack.builder().name(name).repository("web").build();
        }
        var staging = base("staging");
        Stack production() {
          return base("production").toBuilder().tag("tier", "prod").build();
        }
        """);
    StackFile f = StackFile.load(file);
    assertThat(f.stacks()).containsOnlyKeys("staging", "production");
    assertThat(f.stack("production").tags()).containsEntry("tier", "prod");
    assertThatThrownBy(f::single).isInstanceOf(CruddurException.class)
        .hasMessageContaining("defines 2 stacks (staging, production)").hasMessageContaining("--stack NAME");
    assertThatThrownBy(() -> f.stack("dev")).hasMessageContaining("no stack named 'dev'");
  }

  @Test
  void aCompileErrorInAScriptIsReportedAtItsLineAndColumn() throws Exception {
    Path file = write("typo.jsh", """
        var x = 1;
        Stack.builder()
            .name("web")
            .nmae("oops")
            .build()
        """);
    StackFileException.Error e = onlyError(file);
    assertThat(e.file()).isEqualTo(file);
    assertThat(e.line()).isEqualTo(4);
    assertThat(e.column()).isEqualTo(5);
    assertThat(e.message()).contains("cannot find symbol").contains("nmae");
    assertThat(e.toString()).startsWith(file + ":4:5: error: ");
  }

  @Test
  void anInvalidSpecInAScriptIsReportedAtTheLineThatBuildsItWithEveryProblem() throws Exception {
    Path file = write("bad.jsh", """
        var name = "Not A Name";

        Stack.builder()
            .name(name)
            .logGroup(l -> l.name("x").retentionDays(2))
            .build()
        """);
    StackFileException.Error e = onlyError(file);
    assertThat(e.line()).as("the line of .build()").isEqualTo(6);
    assertThat(e.column()).isEqualTo(5);
    assertThat(e.message()).contains("3 problems in the spec").contains("name: 'Not A Name'")
        .contains("logGroup.retentionDays");
  }

  @Test
  void anExceptionThrownInAScriptsMethodIsReportedWhereItIsThrown() throws Exception {
    Path file = write("throws.jsh", """
        String region() {
          throw new IllegalStateException("no region configured");
        }
        Stack.builder().name("web").region(region()).build()
        """);
    StackFileException.Error e = onlyError(file);
    assertThat(e.line()).isEqualTo(2);
    assertThat(e.column()).isEqualTo(3);
    assertThat(e.message()).isEqualTo("IllegalStateException: no region configured");
  }

  @Test
  void aScriptWithoutAStackSaysHowToDefineOne() throws Exception {
    assertThat(onlyError(write("empty.jsh", "var x = 1;\n")).message())
        .contains("end the script with an expression of type Stack");
  }

  @Test
  void aJavaFileGivesAStackPerStaticNoArgumentMethodOfItsFirstClass() throws Exception {
    Path file = write("App.java", """
        import io.cruddur.spec.Image;
        import io.cruddur.spec.Stack;

        public class App {
          static Stack staging() {
            return stack("staging", 1);
          }

          public static Stack production() {
            return stack("production", 3);
          }

          static Stack stack(String name, int count) {
            return Stack.builder().name(name).repository("web")
                .addService(s -> s.name("web").image(Image.ecr("web", "1.0.0")).desiredCount(count))
                .build();
          }

          String notStatic() {
            return "";
          }

          public static void main(String[] args) {
            System.out.println(production());
          }
        }

        class Helper {
          static Stack ignored() {
            return null;
          }
        }
        """);
    StackFile f = StackFile.load(file);
    assertThat(f.stacks()).containsOnlyKeys("staging", "production");
    assertThat(f.stack("production").service("web").orElseThrow().desiredCount()).isEqualTo(3);
  }

  @Test
  void aCompileErrorInAJavaFileIsReportedAsJavacReportsIt() throws Exception {
    Path file = write("Typo.java", """
        import io.cruddur.spec.Stack;

        class Typo {
          static Stack stack() {
            return Stack.builder().name("web")
                .regoin("x")
                .build();
          }
        }
        """);
    StackFileException.Error e = onlyError(file);
    assertThat(e.line()).isEqualTo(6);
    assertThat(e.column()).isEqualTo(9);
    assertThat(e.message()).contains("cannot find symbol").contains("regoin");
  }

  @Test
  void anExceptionInAJavaFileIsReportedAtItsInnermostLineThere() throws Exception {
    Path file = write("Bad.java", """
        import io.cruddur.spec.Stack;

        class Bad {
          static Stack stack() {
            return Stack.builder()
                .name("Not A Name")
                .build();
          }
        }
        """);
    StackFileException.Error e = onlyError(file);
    assertThat(e.line()).as("the line of .build()").isEqualTo(7);
    assertThat(e.column()).isEqualTo(9);
    assertThat(e.message()).contains("problems in the spec").contains("name: 'Not A Name'");
  }

  @Test
  void aFileOfAnotherKindIsRefused() throws Exception {
    assertThat(onlyError(write("stack.yaml", "name: web\n")).message()).contains(".jsh").contains(".java");
  }
}
