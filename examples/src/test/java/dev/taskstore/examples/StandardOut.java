package dev.taskstore.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Captures what a program's {@code main} prints, so a test can run it as the README's command does. */
final class StandardOut {

  private StandardOut() {}

  /** Runs the program with {@code System.out} redirected; returns what it printed. */
  static String capture(Runnable program) {
    PrintStream original = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      program.run();
    } finally {
      System.setOut(original);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
