package dev.taskstore.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.taskstore.bench.JmhRun.Measurement;
import dev.taskstore.bench.Operation.Entry;
import dev.taskstore.bench.Results.Series;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The report's method (bench/README.md, Method): systems rotate from round to round, figures are medians over
 * the forks, ratios are medians of per-round ratios, and the bulk insert's baseline is each round's faster JDBC
 * alternative. No server: the figures are made up.
 */
class MethodTest {

  private static final Operation GET = Operation.find("getById", Operation.Schema.FULL).orElseThrow();
  private static final Operation BULK = Operation.find("bulkInsert", Operation.Schema.FULL).orElseThrow();
  private static final Operation BULK_1M = Operation.find("bulkInsert1M", Operation.Schema.FULL).orElseThrow();

  @Test
  void everyRoundRunsEverySystemOnceAndNoSystemIsAlwaysFirst() {
    List<Entry> systems = GET.entries(true);
    assertThat(systems).extracting(Entry::system).containsExactly("JDBC", "taskstore", "jOOQ", "JDBI");
    for (int round = 0; round < 4; round++) {
      assertThat(BenchMain.rotated(systems, round)).containsExactlyInAnyOrderElementsOf(systems)
          .first().isEqualTo(systems.get(round));
    }
    assertThat(BenchMain.rotated(systems, 1)).extracting(Entry::system)
        .containsExactly("taskstore", "jOOQ", "JDBI", "JDBC");
  }

  @Test
  void oneSlowForkMovesNeitherTheMedianNorTheRatio() {
    Results results = new Results();
    Entry jdbc = GET.entries(false).get(0);
    Entry taskstore = GET.entries(false).get(1);
    // Round 2's taskstore fork ran while another build took the CPUs.
    double[] ts = {10_000, 10_400, 4_000};
    double[] base = {10_000, 10_000, 9_800};
    for (int r = 0; r < 3; r++) {
      results.put(GET, jdbc, 10_000, fork(base[r], 1));
      results.put(GET, taskstore, 10_000, fork(ts[r], 1));
    }
    Series t = results.get(GET, Operation.TASKSTORE, 10_000).orElseThrow();
    Series b = results.bestBaseline(GET, 10_000).orElseThrow().getValue();
    assertThat(t.median()).isEqualTo(10_000);
    assertThat(t.min()).isEqualTo(4_000);
    assertThat(t.max()).isEqualTo(10_400);
    double[] ratio = t.ratioTo(b);
    assertThat(ratio[0]).isEqualTo(1.0, within(1e-9));
    assertThat(ratio[1]).isEqualTo(4_000 / 9_800.0, within(1e-9));
    assertThat(ratio[2]).isEqualTo(1.04, within(1e-9));
    // Allocation and CPU: medians too.
    assertThat(t.bytesPerOp()).isEqualTo(2_000);
  }

  @Test
  void theBulkBaselineIsEachRoundsFasterAlternative() {
    Results results = new Results();
    Entry copy = BULK.entries(false).get(0);
    Entry multiRow = BULK.entries(false).get(1);
    assertThat(copy.method()).isEqualTo("bulkInsertCopy");
    assertThat(multiRow.method()).isEqualTo("bulkInsertMultiRow");
    // Milliseconds per 10,000 rows: COPY wins rounds 0 and 2, the multi-row INSERT round 1.
    double[] copyMs = {100, 200, 110};
    double[] multiMs = {120, 150, 130};
    for (int r = 0; r < 3; r++) {
      results.put(BULK, copy, 10_000, fork(copyMs[r], BenchEnv.BULK_ROWS));
      results.put(BULK, multiRow, 10_000, fork(multiMs[r], BenchEnv.BULK_ROWS));
    }
    Map.Entry<String, Series> best = results.bestBaseline(BULK, 10_000).orElseThrow();
    assertThat(best.getKey()).isEqualTo("bulkInsertCopy");
    assertThat(best.getValue().forks()).extracting(Measurement::score)
        .containsExactly(100_000.0, 10_000 * 1000 / 150.0, 10_000 * 1000 / 110.0);
    assertThat(best.getValue().median()).isEqualTo(10_000 * 1000 / 110.0, within(1e-6));
  }

  @Test
  void theMillionRowInsertRunsAgainstBothJdbcMethodsWithoutPeersOnItsOwnBudget() {
    assertThat(BULK_1M.entries(true)).extracting(Entry::method)
        .containsExactly("bulkInsertCopy1M", "bulkInsertMultiRow1M", "bulkInsert1M");
    assertThat(BULK_1M.rowsPerOp()).isEqualTo(1_000_000);
    assertThat(BULK_1M.target()).isEqualTo(Operation.BULK);
    assertThat(BULK_1M.large()).isTrue();
    assertThat(BULK.large()).isFalse();

    assertThat(RunPlan.FULL.rounds(BULK_1M)).isEqualTo(2);
    assertThat(RunPlan.FULL.warmups(BULK_1M)).isEqualTo(1);
    assertThat(RunPlan.FULL.measured(BULK_1M)).isEqualTo(2);
    assertThat(RunPlan.DEV.rounds(BULK_1M)).isEqualTo(2);
    assertThat(RunPlan.DEV.withForks(1).rounds(BULK_1M)).isEqualTo(1);
    // CI's quick mode never inserts a million rows.
    assertThat(RunPlan.QUICK.rounds(BULK_1M)).isZero();
    assertThat(RunPlan.QUICK.withForks(3).rounds(BULK_1M)).isZero();
    // The other operations keep their budgets.
    assertThat(RunPlan.FULL.rounds(BULK)).isEqualTo(3);
    assertThat(RunPlan.FULL.warmups(BULK)).isEqualTo(4);
    assertThat(RunPlan.FULL.measured(BULK)).isEqualTo(5);
    assertThat(RunPlan.FULL.rounds(GET)).isEqualTo(3);
    assertThat(RunPlan.FULL.warmups(GET)).isEqualTo(8);
    // A write makes fewer calls a second; with 16 threads on 2 CPUs the JIT compiler gets little CPU.
    assertThat(RunPlan.FULL.warmups(Operation.find("insertOne", Operation.Schema.FULL).orElseThrow()))
        .isEqualTo(14);
    assertThat(RunPlan.FULL.warmups(Operation.find("getById16", Operation.Schema.FULL).orElseThrow()))
        .isEqualTo(24);
    assertThat(RunPlan.FULL.measured(GET)).isEqualTo(2);
  }

  @Test
  void theReportChecksTheTargetOfBothBulkInserts() {
    Results results = new Results();
    // rows/s from ms per call: at 10,000 taskstore is faster than both JDBC methods, at 1,000,000 slower than COPY.
    double[][] ms10k = {{100, 120, 90}, {100, 120, 95}};
    double[][] ms1m = {{20_000, 27_000, 22_000}, {21_000, 26_000, 23_000}};
    for (int r = 0; r < 2; r++) {
      List<Entry> e10k = BULK.entries(false);
      List<Entry> e1m = BULK_1M.entries(false);
      for (int i = 0; i < 3; i++) {
        results.put(BULK, e10k.get(i), 10_000, fork(ms10k[r][i], BenchEnv.BULK_ROWS));
        results.put(BULK_1M, e1m.get(i), 10_000, fork(ms1m[r][i], BenchEnv.LARGE_BULK_ROWS));
      }
    }
    String md = new Report(RunPlan.FULL, results, "17", Map.of(), java.time.Instant.EPOCH,
        java.time.Duration.ofMinutes(1)).markdown();

    assertThat(md).containsPattern("\\| bulk-insert-10k \\(one call\\) \\| [^\\n]*\\(bulkInsertCopy\\) \\| "
        + "\\*\\*1\\.08\\*\\* \\[1\\.05–1\\.11\\] \\| ≥ 1\\.00 met \\|");
    assertThat(md).containsPattern("\\| bulk-insert-1M \\(one call\\) \\| 44,466 rows/s [^\\n]*\\(bulkInsertCopy1M\\) \\| "
        + "\\*\\*0\\.91\\*\\* \\[0\\.91–0\\.91\\] \\| ≥ 1\\.00 \\*\\*missed\\*\\* \\|");
    assertThat(md).contains("Baseline alternatives for bulk-insert-1M (one call): `bulkInsertCopy1M` 48,810 rows/s");
    assertThat(md).contains("The million-row bulk insert").contains("the million-row insert 2 forks per system");
  }

  @Test
  void anEvenNumberOfForksTakesTheMeanOfTheMiddleTwo() {
    assertThat(Results.Stats.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
    assertThat(Results.Stats.median(new double[] {})).isNaN();
  }

  private static Measurement fork(double score, int rowsPerOp) {
    return new Measurement(List.of(score), rowsPerOp, 2_000, 40, Double.NaN, Double.NaN);
  }
}
