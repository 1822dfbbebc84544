package dev.taskstore.internal;

import dev.taskstore.ConnectionException;
import dev.taskstore.TaskStoreConfig;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs blocking calls on the asynchronous API's executor, and is the one place that decides how much runs at
 * once. At most {@code asyncConcurrency} calls are on the executor (each holds a "slot" and at most one
 * connection), so a pool of {@code asyncConcurrency} platform threads is enough, and with the default
 * ({@code maximumPoolSize}) asynchronous calls alone never queue inside HikariCP: blocking calls on the same
 * store take connections too, and while they do, an asynchronous call can still wait in HikariCP for up to
 * {@code connectionTimeout}. Further calls wait in a FIFO of at most {@code asyncQueueCapacity} entries, each at most
 * {@code connectionTimeout}; a finishing call hands its slot straight to the oldest waiting one. Submitting
 * takes a short lock and never blocks.
 *
 * <p>Reads by id that wait together share a round trip ({@link #submitRead}): the call that gets a slot takes
 * the waiting reads of its kind out of the queue and serves them all with one {@code id = ANY(?)} statement.
 * Nothing waits for a batch to fill: a read that finds a free slot and fewer than {@code asyncReadRoundTrips}
 * reads of its kind running runs alone at once. Past that it waits, also while slots are free, for a read of
 * its kind to end, and is served with the others that waited meanwhile: under load, one round trip for many
 * calls instead of one each, at the cost of at most one round trip of waiting (at most 4 reads in flight by
 * default wait for nothing). bench/README.md has what each limit measured.
 * Each call still gets the result or exception it would have had alone. Not public API.
 */
final class AsyncRunner {

  /** The most reads one round trip serves: a bound on the statement's array and on one call's latency. */
  static final int MAX_BATCH = 128;
  /** How far into the queue a starting read looks for others of its kind. */
  private static final int BATCH_SCAN = 512;

  private final Executor executor;
  private final ExecutorService ownExecutor;
  private final int slots;
  private final int queueCapacity;
  private final long waitNanos;
  private final ErrorTranslator translator;
  /** The application's tracing: a call's parent is the caller's current one. Null when there is none. */
  private final CallObserver observer;

  /** How many reads of one {@link ReadBatch} may run at once before the next ones wait to share a round trip. */
  private final int readRoundTrips;
  /** The reads of each kind running now (under {@code lock}). */
  private final Map<ReadBatch<?>, int[]> readsRunning = new IdentityHashMap<>();

  private final Object lock = new Object();
  /** Calls waiting for a slot, oldest first; all wait equally long, so the oldest expires first. */
  private final ArrayDeque<Call<?>> waiting = new ArrayDeque<>();
  /**
   * Calls that freed their slot and are completing their future. A concurrent set, so that leaving it takes no
   * turn on {@code lock}; a call enters it before it frees its slot, so close() sees it once running is 0.
   */
  private final Set<Call<?>> finishing = ConcurrentHashMap.newKeySet();
  private int running;
  private boolean closed;
  /**
   * Whether an expiry is scheduled. At most one is: it fires at the oldest waiting call's deadline and schedules
   * the next for the new oldest. (One timer per waiting call kept, under load, hundreds of thousands of 30-second
   * timer tasks alive and cost the asynchronous get-by-id a fifth more CPU than the JDBC baseline's.)
   */
  private boolean expiryScheduled;

  /** A runner with the configuration's limits, on its executor or a new default one. */
  AsyncRunner(TaskStoreConfig config, ErrorTranslator translator, CallObserver observer) {
    this.observer = observer;
    this.slots = config.asyncConcurrency();
    this.readRoundTrips = config.asyncReadRoundTrips();
    this.queueCapacity = config.asyncQueueCapacity();
    this.ownExecutor = config.asyncExecutor().isPresent() ? null
        : AsyncExecutors.create(config.poolName() + "-async-", slots);
    this.executor = config.asyncExecutor().orElse(ownExecutor);
    this.waitNanos = config.connectionTimeout().toNanos();
    this.translator = translator;
  }

  /**
   * Starts a blocking call and returns at once. The future completes with the call's result or with exactly
   * what it threw; it fails with {@link ConnectionException} when the runner is closed or full, or when no
   * slot became free within the connection timeout ("connection pool exhausted").
   */
  public <T> CompletableFuture<T> submit(Supplier<T> work) {
    return enqueue(new Call<>(work, System.nanoTime() + waitNanos, observer == null ? null : observer.current(),
        null, 0, null));
  }

  /**
   * Like {@link #submit}, for a read of one row by id that can share a round trip with other reads of the same
   * {@code batch} waiting at the same time. {@code alone} runs it on its own (when nothing of its kind waits);
   * otherwise {@code answer} turns what the batch found for {@code id} (empty when no such row) into the call's
   * result, or throws what the call alone would have thrown.
   */
  public <R, T> CompletableFuture<T> submitRead(ReadBatch<R> batch, long id, Supplier<T> alone,
      Function<Optional<R>, T> answer) {
    return enqueue(new Call<>(alone, System.nanoTime() + waitNanos, observer == null ? null : observer.current(),
        batch, id, answer));
  }

  /**
   * A kind of read by id that one round trip can serve for several ids.
   *
   * @param <R> the row
   */
  @FunctionalInterface
  interface ReadBatch<R> {
    /** The rows of these ids that exist, by id. */
    Map<Long, R> load(long[] ids);
  }

  private <T> CompletableFuture<T> enqueue(Call<T> call) {
    boolean start = false;
    boolean scheduleExpiry = false;
    synchronized (lock) {
      if (closed) {
        call.future.completeExceptionally(new ConnectionException("the store is closed", null, null));
        return call.future;
      }
      if (running < slots && !readsAtLimit(call)) {
        running++;
        started(call);
        start = true;
      } else if (waiting.size() < queueCapacity) {
        waiting.add(call);
        // No expiry scheduled means the queue was empty: this call is the oldest, its deadline the next one.
        scheduleExpiry = !expiryScheduled;
        expiryScheduled = true;
      } else {
        call.future.completeExceptionally(new ConnectionException("too many asynchronous calls: " + running
            + " running and " + waiting.size() + " waiting (asyncConcurrency=" + slots + ", asyncQueueCapacity="
            + queueCapacity + ")", null, null));
        return call.future;
      }
    }
    if (start) {
      startOrPassOn(call);
    } else if (scheduleExpiry) {
      scheduleExpiry(waitNanos);
    }
    return call.future;
  }

  /** Runs a call that holds a slot; if the executor refuses it, the slot goes to the next waiting call. */
  private void startOrPassOn(Call<?> first) {
    for (Call<?> call = first; call != null; call = nextOrFreeSlot(call)) {
      try {
        executor.execute(call);
        return;
      } catch (RejectedExecutionException e) {
        call.future.completeExceptionally(new ConnectionException("the asynchronous executor refused the call",
            null, e));
      }
    }
  }

  /**
   * Takes out of the queue the waiting reads that {@code first}'s batch can serve with it, oldest first, at most
   * {@link #MAX_BATCH} in all; none when {@code first} is not a read of a batch.
   */
  private List<Call<?>> takeBatch(Call<?> first) {
    if (first.batch == null) {
      return List.of();
    }
    List<Call<?>> taken = null;
    synchronized (lock) {
      int scanned = 0;
      for (var it = waiting.iterator(); it.hasNext() && scanned < BATCH_SCAN; scanned++) {
        Call<?> c = it.next();
        if (c.batch == first.batch && !c.future.isDone()) {
          it.remove();
          if (taken == null) {
            taken = new ArrayList<>();
          }
          taken.add(c);
          if (taken.size() + 1 >= MAX_BATCH) {
            break;
          }
        }
      }
      if (waiting.isEmpty()) {
        lock.notifyAll(); // close() may wait for the queue to empty
      }
    }
    return taken == null ? List.of() : taken;
  }

  /** Whether {@code call} is a read of a kind with {@code readRoundTrips} running already: it waits to share one. */
  private boolean readsAtLimit(Call<?> call) {
    if (call.batch == null) {
      return false;
    }
    int[] n = readsRunning.get(call.batch);
    return n != null && n[0] >= readRoundTrips;
  }

  /** Counts a read that takes a slot among those of its kind running. */
  private void started(Call<?> call) {
    if (call.batch != null) {
      readsRunning.computeIfAbsent(call.batch, b -> new int[1])[0]++;
    }
  }

  /**
   * The oldest waiting call that still wants to run, which inherits the slot of {@code finished} (no longer
   * counted among the reads running); else frees the slot. A waiting read takes the slot even when its kind is
   * at its limit: it then serves the reads of its kind that wait with it.
   */
  private Call<?> nextOrFreeSlot(Call<?> finished) {
    synchronized (lock) {
      if (finished != null && finished.batch != null) {
        readsRunning.get(finished.batch)[0]--;
      }
      Call<?> next;
      while ((next = waiting.poll()) != null) {
        if (!next.future.isDone()) { // skip calls cancelled while they waited
          started(next);
          return next;
        }
      }
      running--;
      lock.notifyAll();
      return null;
    }
  }

  /**
   * Runs {@link #expireOverdue} after the delay. Like {@code CompletableFuture.orTimeout}, a wait that expires
   * fails on the JDK's timer and default pool: the executor's threads may all be busy, which is why calls wait.
   */
  private void scheduleExpiry(long delayNanos) {
    CompletableFuture.delayedExecutor(delayNanos, TimeUnit.NANOSECONDS).execute(this::expireOverdue);
  }

  /**
   * Fails the calls that have waited their connection timeout out, and schedules the next expiry for the oldest
   * call still waiting. All calls wait equally long, so the oldest is always the next to expire.
   */
  private void expireOverdue() {
    List<Call<?>> overdue = new ArrayList<>();
    int stillRunning;
    long nextExpiry = -1;
    synchronized (lock) {
      long now = System.nanoTime();
      while (!waiting.isEmpty() && waiting.peek().deadline - now <= 0) {
        overdue.add(waiting.poll());
      }
      stillRunning = running;
      if (waiting.isEmpty()) {
        expiryScheduled = false;
      } else {
        nextExpiry = Math.max(0, waiting.peek().deadline - now);
      }
      lock.notifyAll();
    }
    if (nextExpiry >= 0) {
      scheduleExpiry(nextExpiry);
    }
    for (Call<?> call : overdue) {
      call.future.completeExceptionally(translator.poolExhausted("; asynchronous calls running="
          + stillRunning + " (at most asyncConcurrency), waited connectionTimeout", null));
    }
  }

  /**
   * Refuses new calls, waits up to {@code timeout} for the calls running or waiting, fails those still
   * waiting, and shuts the default executor down (a given one is left alone).
   *
   * @return how many calls were unfinished when the wait ended (still running, or waiting and now failed)
   */
  public int close(Duration timeout) {
    List<Call<?>> abandoned;
    List<Call<?>> finished;
    int left;
    synchronized (lock) {
      closed = true;
      long deadline = System.nanoTime() + timeout.toNanos();
      try {
        long nanos;
        while ((running > 0 || !waiting.isEmpty()) && (nanos = deadline - System.nanoTime()) > 0) {
          TimeUnit.NANOSECONDS.timedWait(lock, nanos);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      abandoned = new ArrayList<>(waiting);
      waiting.clear();
      left = running;
      finished = new ArrayList<>(finishing);
    }
    // A call frees its slot before it completes its future (see Call.run): complete those here too, so that
    // every call that ended before close() returns has a completed future. Completing twice is harmless.
    for (Call<?> call : finished) {
      call.complete();
    }
    for (Call<?> call : abandoned) {
      call.future.completeExceptionally(new ConnectionException("the store was closed before a connection "
          + "became free", null, null));
    }
    if (ownExecutor != null) {
      ownExecutor.shutdown();
    }
    return left + abandoned.size();
  }

  /**
   * One call: the work, its future and the latest time it may still wait for a slot; for a read that can share
   * a round trip, its batch, id and how it reads its answer.
   */
  private final class Call<T> implements Runnable {
    final Supplier<T> work;
    final CompletableFuture<T> future = new CompletableFuture<>();
    final long deadline;
    final ReadBatch<?> batch;
    final long id;
    final Function<Optional<?>, T> answer;
    private T result;
    private Throwable failure;

    /** The caller's current call or transaction, to be this call's parent on the executor's thread. */
    private final Object parent;

    @SuppressWarnings("unchecked")
    Call(Supplier<T> work, long deadline, Object parent, ReadBatch<?> batch, long id,
        Function<? extends Optional<?>, T> answer) {
      this.parent = parent;
      this.work = work;
      this.deadline = deadline;
      this.batch = batch;
      this.id = id;
      this.answer = (Function<Optional<?>, T>) answer;
    }

    @Override
    public void run() {
      List<Call<?>> batched = List.of();
      try {
        if (!future.isDone()) { // not cancelled meanwhile
          batched = takeBatch(this);
          Runnable body = batched.isEmpty() ? () -> result = work.get() : runBatch(batched);
          if (parent == null) {
            body.run();
          } else {
            observer.runWithin(parent, body);
          }
        }
      } catch (Throwable e) { // whatever the call threw completes the future, so no caller waits forever
        failure = e;
        for (Call<?> c : batched) {
          c.failure = e;
        }
      }
      // The slot moves on before the futures complete: code chained on a future may run on this thread, and
      // must neither hold a slot nor delay close().
      finishing.add(this);
      finishing.addAll(batched);
      Call<?> next = nextOrFreeSlot(this);
      if (next != null) {
        startOrPassOn(next);
      }
      complete();
      finishing.remove(this);
      for (Call<?> c : batched) {
        c.complete();
        finishing.remove(c);
      }
    }

    /** This read and {@code others} in one round trip; each gets its own answer or exception. */
    private Runnable runBatch(List<Call<?>> others) {
      return () -> {
        long[] ids = new long[others.size() + 1];
        ids[0] = id;
        for (int i = 0; i < others.size(); i++) {
          ids[i + 1] = others.get(i).id;
        }
        Map<Long, ?> found = batch.load(ids);
        answerFrom(found);
        for (Call<?> c : others) {
          c.answerFrom(found);
        }
      };
    }

    private void answerFrom(Map<Long, ?> found) {
      try {
        result = answer.apply(Optional.ofNullable(found.get(id)));
      } catch (RuntimeException e) {
        failure = e;
      }
    }

    /** Completes the future with the work's outcome (after {@link #run} has it). */
    void complete() {
      if (failure != null) {
        future.completeExceptionally(failure);
      } else {
        future.complete(result);
      }
    }
  }
}
