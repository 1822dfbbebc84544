package dev.taskstore.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Captures what a program prints: its {@code main} on {@code System.out}, so a test can run it as the README's
 * command does, or its {@code run} on a stream of its own.
 */
final class StandardOut {

  private StandardOut() {}

  /** Runs the program with {@code System.out} redirected; returns what it printed. */
  static String capture(Runnable program) {
    return printedBy(out -> {
      PrintStream original = System.out;
      System.setOut(out);
      try {
        program.run();
      } finally {
        System.setOut(original);
      }
    });
  }

  /** Runs the program with a stream of its own; returns what it printed there. */
  static String printedBy(Consumer<PrintStream> program) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    program.accept(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
