/**
 * Stack files: a JShell script ({@code .jsh}) or a single Java source file ({@code .java}) that defines one or more
 * stacks, loaded with {@link io.cruddur.stackfile.StackFile#load}. Errors in them are reported as a compiler
 * reports them: file, line, column and message.
 */
package io.cruddur.stackfile;
