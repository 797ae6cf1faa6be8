package io.github.ntm4j.examples.sweep;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * Runs a sweep's runs on Apache Spark, one Spark job of one task per run ({@link SweepRun#execute}), all
 * submitted at once so that Spark runs as many at a time as it has cores. One job per run, not one job of
 * many tasks: a run that fails every attempt (local[N,F]: F attempts; a cluster: spark.task.maxFailures) then
 * fails its own job alone and is reported, while the others complete.
 *
 * <p>The only class of the sweep that uses Spark: the command line loads it only for {@code sweep}, so the
 * other commands run without Spark on the class path.
 */
public final class SparkSweep {
    private SparkSweep() {
    }

    /** What became of the runs: results by run id, failures by run id. */
    public record Outcome(Map<String, RunResult> results, Map<String, String> failures) {
    }

    /**
     * Runs {@code todo} on {@code master} ({@code local[*]}, {@code local[N,F]}, or null to take spark-submit's),
     * printing a line per run to {@code out} as the runs complete, in the sweep's order.
     */
    public static Outcome run(List<RunSpec> todo, String master, PrintStream out) {
        SparkConf conf = new SparkConf().setAppName("ntm4j sweep")
                // The web UI would start Jetty for nothing on a one-off local sweep; on a cluster the master's UI shows it.
                .setIfMissing("spark.ui.enabled", "false");
        if (master != null) {
            conf.setMaster(master);
        }
        if (conf.get("spark.master", "").startsWith("local")) {
            // Embedded: no network, whatever the host name resolves to.
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1").setIfMissing("spark.driver.host", "localhost");
        }
        Map<String, RunResult> results = new LinkedHashMap<>();
        Map<String, String> failures = new LinkedHashMap<>();
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            out.printf(Locale.ROOT, "spark master=%s default_parallelism=%d runs=%d%n", sc.master(),
                    sc.defaultParallelism(), todo.size());
            List<JavaFutureAction<List<String>>> jobs = new ArrayList<>();
            for (RunSpec spec : todo) {
                jobs.add(sc.parallelize(List.of(spec), 1).map(SweepRun::execute).collectAsync());
            }
            for (int i = 0; i < todo.size(); i++) {
                RunSpec spec = todo.get(i);
                try {
                    RunResult r = RunResult.fromJson(jobs.get(i).get().get(0));
                    results.put(spec.runId(), r);
                    out.printf(Locale.ROOT, "run %s: %d sequences in %.0f s, stop=%s, best validation %.3f bit errors"
                            + " per sequence, %s%n", spec.runId(), r.sequences(), r.seconds(), r.stop(),
                            r.bestValidation(), r.converged() ? "converged" : "not converged");
                } catch (ExecutionException e) {
                    String why = reason(e.getCause());
                    failures.put(spec.runId(), why);
                    out.println("run " + spec.runId() + ": FAILED every attempt: " + why);
                } catch (IOException e) {
                    failures.put(spec.runId(), "unreadable result: " + e.getMessage());
                    out.println("run " + spec.runId() + ": FAILED: unreadable result: " + e.getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the runs", e);
                }
            }
        }
        return new Outcome(results, failures);
    }

    /**
     * The failure in one line: Spark's "Job aborted ... most recent failure: Lost task ...: EXCEPTION" without the
     * stack trace, and without its task and host preamble where it can be found.
     */
    static String reason(Throwable e) {
        String m = String.valueOf(e == null ? null : e.getMessage());
        int at = m.indexOf("most recent failure: ");
        String failure = at >= 0 ? m.substring(at + "most recent failure: ".length()) : m;
        failure = failure.lines().findFirst().orElse(failure);
        int cause = failure.indexOf("): ");
        return cause >= 0 ? failure.substring(cause + 3) : failure;
    }
}
