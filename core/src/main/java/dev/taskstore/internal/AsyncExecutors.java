package dev.taskstore.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default executor of the asynchronous API: virtual threads when the JVM has them (Java 21+, found at
 * run time because taskstore is compiled for Java 17), else a pool of platform threads. Not public API.
 */
final class AsyncExecutors {

  private static final Logger log = LoggerFactory.getLogger(AsyncExecutors.class);

  private AsyncExecutors() {}

  /**
   * A new executor for one store.
   *
   * @param namePrefix thread name prefix, e.g. {@code taskstore-async-}
   * @param platformThreads how many platform threads when virtual threads are not available
   */
  static ExecutorService create(String namePrefix, int platformThreads) {
    return virtualThreads(namePrefix).orElseGet(() -> platformThreads(namePrefix, platformThreads));
  }

  /**
   * {@code Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(prefix, 0).factory())}, reflectively.
   * Empty before Java 21 (and on 19 and 20 without preview features).
   */
  static Optional<ExecutorService> virtualThreads(String namePrefix) {
    try {
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      Class<?> builderType = Class.forName("java.lang.Thread$Builder");
      Class<?> ofVirtualType = Class.forName("java.lang.Thread$Builder$OfVirtual");
      MethodHandle ofVirtual = lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(ofVirtualType));
      MethodHandle name = lookup.findVirtual(builderType, "name",
          MethodType.methodType(builderType, String.class, long.class));
      MethodHandle factory = lookup.findVirtual(builderType, "factory", MethodType.methodType(ThreadFactory.class));
      MethodHandle perTask = lookup.findStatic(Executors.class, "newThreadPerTaskExecutor",
          MethodType.methodType(ExecutorService.class, ThreadFactory.class));
      Object builder = name.invoke(ofVirtual.invoke(), namePrefix, 0L);
      ThreadFactory threads = (ThreadFactory) factory.invoke(builder);
      return Optional.of((ExecutorService) perTask.invoke(threads));
    } catch (Throwable e) { // any failure (missing class, preview disabled) means no virtual threads
      if (e instanceof VirtualMachineError vm) {
        throw vm;
      }
      log.debug("virtual threads are not available ({}); using platform threads", e.toString());
      return Optional.empty();
    }
  }

  /**
   * {@code threads} daemon threads that end after a minute idle. The queue is unbounded because
   * {@link AsyncRunner} already bounds how many calls it admits.
   */
  static ExecutorService platformThreads(String namePrefix, int threads) {
    AtomicInteger counter = new AtomicInteger();
    ThreadFactory factory = task -> {
      Thread t = new Thread(task, namePrefix + counter.getAndIncrement());
      t.setDaemon(true);
      return t;
    };
    ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), factory);
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }
}
