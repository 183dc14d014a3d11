package io.cruddur.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cruddur.base.CruddurException;
import org.junit.jupiter.api.Test;

class EnvFileTest {
  @Test
  void readsTheUsualEnvFileSyntax() {
    EnvFile env = EnvFile.parse("""
        # a comment
        PLAIN=value with spaces   # a trailing comment
        export EXPORTED=yes
        EMPTY=
        DOUBLE="a \\"quoted\\" value\\nwith a newline" # comment
        SINGLE='literal $HOME \\n # not a comment'
        HASH=abc#def
        MULTI="first
        second"
        URL=postgresql://user:p%40ss@db:5432/cruddur?sslmode=require
        """, ".env");
    assertThat(env.names()).containsExactly("PLAIN", "EXPORTED", "EMPTY", "DOUBLE", "SINGLE", "HASH", "MULTI",
        "URL");
    assertThat(env.value("PLAIN")).contains("value with spaces");
    assertThat(env.value("EXPORTED")).contains("yes");
    assertThat(env.value("EMPTY")).contains("");
    assertThat(env.value("DOUBLE")).contains("a \"quoted\" value\nwith a newline");
    assertThat(env.value("SINGLE")).contains("literal $HOME \\n # not a comment");
    assertThat(env.value("HASH")).contains("abc#def");
    assertThat(env.value("MULTI")).contains("first\nsecond");
    assertThat(env.value("URL")).contains("postgresql://user:p%40ss@db:5432/cruddur?sslmode=require");
    assertThat(env.value("NOPE")).isEmpty();
    assertThat(env.toString()).doesNotContain("value with spaces").contains("PLAIN");
  }

  /** A key in single quotes spans lines; its lines are never read as variables, nor shown. */
  @Test
  void aSingleQuotedValueSpansLinesLikeAKey() {
    EnvFile env = EnvFile.parse("KEY='-----BEGIN PRIVATE KEY-----\nq8Zt+Rk/9Xv2SuperSecretChunk=\n"
        + "-----END PRIVATE KEY-----'\nNEXT=1\n", ".env");
    assertThat(env.names()).containsExactly("KEY", "NEXT");
    assertThat(env.value("KEY")).contains("-----BEGIN PRIVATE KEY-----\nq8Zt+Rk/9Xv2SuperSecretChunk=\n"
        + "-----END PRIVATE KEY-----");
    assertThatThrownBy(() -> EnvFile.parse("KEY='-----BEGIN\nq8Zt+Rk/9Xv2SuperSecretChunk=\n", ".env"))
        .hasMessageContaining(".env:1: the single-quoted value of KEY is not closed")
        .hasMessageNotContaining("SuperSecret");
    assertThatThrownBy(() -> EnvFile.parse("KEY=-----BEGIN\nq8Zt+Rk/9Xv2SuperSecretChunk=\n", ".env"))
        .as("an unquoted multi-line key: its lines are reported without their text")
        .hasMessageContaining(".env:2: the text before = is not a variable name")
        .hasMessageNotContaining("SuperSecret");
  }

  @Test
  void everyMalformedLineIsReportedByLineAndNoValueIsEverShown() {
    assertThatThrownBy(() -> EnvFile.parse("""
        GOOD=s3cr3t-one
        no equals sign here
        1BAD=s3cr3t-two
        OPEN="s3cr3t-three
        """, "app.env")).isInstanceOf(CruddurException.class)
        .hasMessageContaining("app.env:2: expected NAME=value")
        .hasMessageContaining("app.env:3: the text before = is not a variable name")
        .hasMessageContaining("app.env:4: the double-quoted value of OPEN is not closed")
        .hasMessageNotContaining("s3cr3t");
    assertThatThrownBy(() -> EnvFile.parse("A=s3cr3t-1\nA=s3cr3t-2\n", "x.env"))
        .hasMessageContaining("x.env:2: A is set again (first on line 1)").hasMessageNotContaining("s3cr3t");
    assertThatThrownBy(() -> EnvFile.parse("A='s3cr3t' trailing\n", "x.env"))
        .hasMessageContaining("unexpected text after the quoted value of A").hasMessageNotContaining("s3cr3t");
  }
}
