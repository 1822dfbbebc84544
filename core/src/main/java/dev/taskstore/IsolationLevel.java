package dev.taskstore;

/** PostgreSQL's transaction isolation levels (READ UNCOMMITTED behaves as READ COMMITTED there). */
public enum IsolationLevel {
  /** The default: each statement sees what was committed before it began. */
  READ_COMMITTED,
  /** The transaction sees one snapshot; concurrent updates of the same row fail with 40001. */
  REPEATABLE_READ,
  /** As if transactions ran one after another; conflicts fail with 40001. Pair with retries. */
  SERIALIZABLE
}
