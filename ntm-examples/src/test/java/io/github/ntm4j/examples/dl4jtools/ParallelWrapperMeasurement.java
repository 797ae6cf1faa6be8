package io.github.ntm4j.examples.dl4jtools;

import io.github.ntm4j.tasks.TaskIterator;
import java.util.Locale;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.parallelism.ParallelWrapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Does {@code ParallelWrapper}'s parameter averaging help an NTM learn the copy task, or hurt? Trains the README's
 * network (same seed, same fresh data per 1,000 sequences) one sequence at a time, and with 2 workers averaging
 * after every 1 and every 5 minibatches, and prints the validation bit errors and wall time every 1,000
 * sequences. A measurement, not a check: it runs only when asked, e.g.
 *
 * <pre>
 *   OMP_NUM_THREADS=1 mvn -B test -pl ntm-examples -am -Dtest=ParallelWrapperMeasurement \
 *       -Dsurefire.failIfNoSpecifiedTests=false -Dntm4j.measure=10000 [-Dntm4j.measure.seed=5]
 * </pre>
 *
 * (the property's value is the number of sequences per run). docs/dl4j-tools.md reports the result.
 */
@EnabledIfSystemProperty(named = "ntm4j.measure", matches = "\\d+")
class ParallelWrapperMeasurement {

    static final int SEQUENCES_PER_EPOCH = 1000;
    static final int WORKERS = 2;

    @Test
    void sequentialAgainstAveragingWorkers() {
        int sequences = Integer.parseInt(System.getProperty("ntm4j.measure"));
        long seed = Long.parseLong(System.getProperty("ntm4j.measure.seed", String.valueOf(CopyRecipe.SEED)));
        System.out.printf(Locale.ROOT, "copy, lengths 1-20, README network and recipe without the rate drop; seed=%d "
                + "sequences=%d cores=%d%n", seed, sequences, Runtime.getRuntime().availableProcessors());
        run("sequential", seed, sequences, (net, data) -> net.fit(data));
        for (int frequency : new int[] {1, 5}) {
            run("wrapper workers=" + WORKERS + " averaging_frequency=" + frequency, seed, sequences, (net, data) -> {
                ParallelWrapper wrapper = new ParallelWrapper.Builder<>(net).workers(WORKERS)
                        .averagingFrequency(frequency).trainingMode(ParallelWrapper.TrainingMode.AVERAGING)
                        .prefetchBuffer(4).build();
                try {
                    wrapper.fit(data);
                } finally {
                    wrapper.shutdown();
                }
            });
        }
    }

    /** How one epoch of {@code data} trains {@code net}. */
    @FunctionalInterface
    interface Trainer {
        void fitEpoch(MultiLayerNetwork net, TaskIterator data);
    }

    private static void run(String name, long seed, int sequences, Trainer trainer) {
        MultiLayerNetwork net = CopyRecipe.network(seed);
        TaskIterator data = CopyRecipe.training(seed, SEQUENCES_PER_EPOCH);
        long start = System.nanoTime();
        double best = Double.POSITIVE_INFINITY;
        for (int seen = SEQUENCES_PER_EPOCH; seen <= sequences; seen += SEQUENCES_PER_EPOCH) {
            if (!data.hasNext()) {
                data.reset();   // the next 1,000 fresh sequences, the same for every configuration
            }
            trainer.fitEpoch(net, data);
            double bitErrors = CopyRecipe.validationBitErrors(net);
            best = Math.min(best, bitErrors);
            System.out.printf(Locale.ROOT, "%s sequences=%d validation_bit_errors=%.3f elapsed_s=%.1f%n", name, seen,
                    bitErrors, (System.nanoTime() - start) / 1e9);
        }
        System.out.printf(Locale.ROOT, "%s best_validation_bit_errors=%.3f%n", name, best);
    }
}
