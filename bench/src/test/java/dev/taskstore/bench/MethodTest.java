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
    assertThat(RunPlan.FULL.rounds(GET) + RunPlan.FULL.pairedRounds(GET)).isEqualTo(7);
    assertThat(RunPlan.FULL.warmups(GET)).isEqualTo(8);
    // A write makes fewer calls a second; with 16 threads on 2 CPUs the JIT compiler gets little CPU.
    assertThat(RunPlan.FULL.warmups(Operation.find("insertOne", Operation.Schema.FULL).orElseThrow()))
        .isEqualTo(14);
    assertThat(RunPlan.FULL.warmups(Operation.find("getById16", Operation.Schema.FULL).orElseThrow()))
        .isEqualTo(24);
    assertThat(RunPlan.FULL.measured(GET)).isEqualTo(2);
  }

  @Test
  void theSingleRowOperationsWithATargetRunPairedRoundsOfTaskstoreAndJdbcAfterTheirRounds() {
    assertThat(Operation.MAIN.stream().filter(Operation::paired).map(Operation::taskstore))
        .containsExactly("insertOne", "getById", "joinById", "updateOne", "deleteOne", "getById16");
    assertThat(GET.pairedEntries()).extracting(Entry::system).containsExactly("JDBC", "taskstore");
    assertThat(BenchMain.rotated(GET.pairedEntries(), 1)).extracting(Entry::system)
        .containsExactly("taskstore", "JDBC");
    assertThat(RunPlan.FULL.pairedRounds(GET)).isEqualTo(4);
    assertThat(RunPlan.DEV.pairedRounds(GET)).isEqualTo(4);
    assertThat(RunPlan.DEV.withPairedRounds(0).pairedRounds(GET)).isZero();
    assertThat(RunPlan.QUICK.pairedRounds(GET)).isZero();
    // No paired rounds for a bulk insert, an operation without a target or one with a further system.
    assertThat(RunPlan.FULL.pairedRounds(BULK)).isZero();
    assertThat(RunPlan.FULL.pairedRounds(Operation.find("countCompleted", Operation.Schema.FULL).orElseThrow()))
        .isZero();
    assertThat(RunPlan.FULL.pairedRounds(Operation.find("getByIdAsync64", Operation.Schema.FULL).orElseThrow()))
        .isZero();
    assertThat(RunPlan.FULL.pairedRounds(Operation.find("insertOne", Operation.Schema.WITHOUT_COUNTERS)
        .orElseThrow())).isZero();
  }

  @Test
  void pairedRoundsCountInTheRatioToJdbcAndARatioToAPeerComparesTheRoundsThePeerRan() {
    Results results = new Results();
    Entry jdbc = GET.entries(true).get(0);
    Entry taskstore = GET.entries(true).get(1);
    Entry jooq = GET.entries(true).get(2);
    // Three rounds with the peer, four paired ones: taskstore's ratio to JDBC is 0.80 in round 0 only.
    double[] ts = {8_000, 10_000, 10_000, 10_100, 9_900, 10_000, 10_000};
    for (int r = 0; r < ts.length; r++) {
      results.put(GET, jdbc, 10_000, fork(10_000, 1));
      results.put(GET, taskstore, 10_000, fork(ts[r], 1));
      if (r < 3) {
        results.put(GET, jooq, 10_000, fork(r == 0 ? 4_000 : 5_000, 1));
      }
    }
    Series t = results.get(GET, Operation.TASKSTORE, 10_000).orElseThrow();
    assertThat(t.size()).isEqualTo(7);
    assertThat(t.ratioTo(results.bestBaseline(GET, 10_000).orElseThrow().getValue())[0])
        .isEqualTo(1.0, within(1e-9));
    // Against jOOQ: rounds 0-2 only (2.0, 2.0, 2.0), not taskstore's paired forks.
    assertThat(t.ratioTo(results.get(GET, "jOOQ", 10_000).orElseThrow())).containsExactly(2.0, 2.0, 2.0);

    String md = new Report(RunPlan.FULL, results, "17", Map.of(), java.time.Instant.EPOCH,
        java.time.Duration.ofMinutes(1)).markdown();
    assertThat(md).contains("then ran 4 further rounds of taskstore and JDBC alone")
        .contains("over 7 forks, and a ratio to a peer over the 3 rounds the peer ran")
        .containsPattern("\\| get-by-id \\| 10,000 ops/s \\[8,000–10\\.1k\\] \\| "
            + "10,000 ops/s \\[10\\.0k–10\\.0k\\] \\| \\*\\*1\\.00\\*\\* \\[0\\.80–1\\.01\\] \\| ≥ 0\\.95 met \\|");
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
