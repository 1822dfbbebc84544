package dev.taskstore.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Copies everything logged while it is open: SLF4J's simple logger (which writes to whatever
 * {@code System.err} is at the time of each line), anything else printed to {@code System.err} or
 * {@code System.out}, and java.util.logging records (pgjdbc logs there). Output still reaches the console.
 */
final class LogCapture implements AutoCloseable {

  private final PrintStream originalErr = System.err;
  private final PrintStream originalOut = System.out;
  private final ByteArrayOutputStream copy = new ByteArrayOutputStream();
  private final Logger julRoot = Logger.getLogger("");
  private final Handler julHandler = new Handler() {
    @Override
    public void publish(LogRecord r) {
      String line = r.getLevel() + " " + r.getLoggerName() + " " + r.getMessage() + " "
          + java.util.Arrays.toString(r.getParameters()) + (r.getThrown() == null ? "" : " " + r.getThrown())
          + System.lineSeparator();
      synchronized (copy) {
        copy.writeBytes(line.getBytes(StandardCharsets.UTF_8));
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  private LogCapture() {
    System.setErr(new PrintStream(new Tee(originalErr), true, StandardCharsets.UTF_8));
    System.setOut(new PrintStream(new Tee(originalOut), true, StandardCharsets.UTF_8));
    julRoot.addHandler(julHandler);
  }

  /** Starts capturing. */
  static LogCapture start() {
    return new LogCapture();
  }

  /** Everything captured so far. */
  String text() {
    synchronized (copy) {
      return copy.toString(StandardCharsets.UTF_8);
    }
  }

  @Override
  public void close() {
    System.err.flush();
    System.out.flush();
    System.setErr(originalErr);
    System.setOut(originalOut);
    julRoot.removeHandler(julHandler);
  }

  private final class Tee extends OutputStream {
    private final OutputStream console;

    Tee(OutputStream console) {
      this.console = console;
    }

    @Override
    public void write(int b) throws IOException {
      console.write(b);
      synchronized (copy) {
        copy.write(b);
      }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      console.write(b, off, len);
      synchronized (copy) {
        copy.write(b, off, len);
      }
    }

    @Override
    public void flush() throws IOException {
      console.flush();
    }
  }
}
