package dev.taskstore;

/**
 * The database server has no disk space left for a write (SQLSTATE 53100, {@code disk_full}): the data
 * directory, a tablespace or the WAL's disk is full. The write was rolled back, as was its transaction; what was
 * committed before stays, and reads keep working. Trying again helps only after an operator frees space, so the
 * store logs each occurrence at WARN. Maps to HTTP 507 (Insufficient Storage).
 */
public final class DiskFullException extends TaskStoreException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed
   * @param sqlState the SQLSTATE, 53100
   * @param cause the underlying exception
   */
  public DiskFullException(String message, String sqlState, Throwable cause) {
    super(message, sqlState, cause);
  }

  @Override
  public int httpStatus() {
    return 507;
  }
}
