package dev.taskstore.internal;

import dev.taskstore.TaskBase;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Optional;

/**
 * What a keyed create asked to store, as a SHA-256 digest kept beside the key
 * ({@code task.idempotency_fingerprint}): a retry with the same key is compared with the first attempt's request,
 * not with the row as later updates left it. The encoding is a format stored in the database: change it only with
 * a new leading format byte. Not public API.
 */
final class IdempotencyFingerprint {

  /** The first byte of the encoding: its format. */
  private static final byte FORMAT = 1;

  private IdempotencyFingerprint() {}

  /** The digest of every component of {@code task} but its key; null when it has no key (nothing to compare). */
  static byte[] of(TaskBase task) {
    if (task.idempotencyKey().isEmpty()) {
      return null;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 + task.title().length());
    out.write(FORMAT);
    text(out, Optional.of(task.title()));
    text(out, task.description());
    text(out, Optional.of(task.priority().dbValue()));
    out.write(task.completed() ? 1 : 0);
    Optional<Instant> due = task.dueDate();
    number(out, due.map(d -> d.getEpochSecond() * 1_000_000L + d.getNano() / 1_000L));
    number(out, task.userId());
    try {
      return MessageDigest.getInstance("SHA-256").digest(out.toByteArray());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** Absent as 0; present as 1, its UTF-8 length (4 bytes) and bytes: no two values encode alike. */
  private static void text(ByteArrayOutputStream out, Optional<String> value) {
    if (value.isEmpty()) {
      out.write(0);
      return;
    }
    byte[] bytes = value.get().getBytes(StandardCharsets.UTF_8);
    out.write(1);
    long64(out, bytes.length, 4);
    out.write(bytes, 0, bytes.length);
  }

  private static void number(ByteArrayOutputStream out, Optional<Long> value) {
    if (value.isEmpty()) {
      out.write(0);
      return;
    }
    out.write(1);
    long64(out, value.get(), 8);
  }

  private static void long64(ByteArrayOutputStream out, long v, int bytes) {
    for (int shift = 8 * (bytes - 1); shift >= 0; shift -= 8) {
      out.write((int) (v >>> shift) & 0xFF);
    }
  }
}
