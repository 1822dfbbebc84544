package dev.taskstore.reliability;

import dev.taskstore.ForeignKeyViolationException;
import dev.taskstore.TaskBase;
import dev.taskstore.TaskStore;
import dev.taskstore.TaskStoreConfig;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM that {@link LargeCreateAllTest} starts with a small heap: one {@code createAll} of a million tasks
 * built in memory as an application would, the one in the middle bad when asked. Prints one line the test
 * reads: {@code RESULT stored=<n> failed=<exception or -> ms=<elapsed> maxHeapMb=<-Xmx> peakHeapMb=<peak used>
 * badAt=<index or ->}.
 */
final class LargeCreateAll {

  private LargeCreateAll() {}

  public static void main(String[] args) {
    String url = args[0];
    int count = Integer.parseInt(args[1]);
    boolean withBad = Boolean.parseBoolean(args[2]);
    int badAt = count / 2;
    List<TaskBase> tasks = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      tasks.add(TaskBase.of("bulk " + i));
    }
    if (withBad) {
      // An unknown user: only the server can tell, after every row before it was inserted.
      tasks.set(badAt, TaskBase.builder("bad").userId(Long.MAX_VALUE).build());
    }
    String failed = "-";
    int stored = 0;
    long start = System.nanoTime();
    try (TaskStore store = TaskStore.open(TaskStoreConfig.builder().url(url).poolName("reliability-large")
        .minimumIdle(0).maximumPoolSize(2).build())) {
      List<Long> ids = store.tasks().createAll(tasks);
      stored = ids.size();
    } catch (ForeignKeyViolationException e) {
      failed = e.getClass().getSimpleName() + "(" + e.constraintName().orElse("?") + ")";
    }
    long ms = (System.nanoTime() - start) / 1_000_000;
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    System.out.printf("RESULT stored=%d failed=%s ms=%d maxHeapMb=%d peakHeapMb=%d badAt=%s%n", stored, failed, ms,
        Runtime.getRuntime().maxMemory() >> 20, peak >> 20, withBad ? Integer.toString(badAt) : "-");
  }
}
