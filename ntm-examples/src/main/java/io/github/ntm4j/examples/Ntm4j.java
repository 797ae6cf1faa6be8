package io.github.ntm4j.examples;

import io.github.ntm4j.examples.cli.BenchCommand;
import io.github.ntm4j.examples.cli.CurvesCommand;
import io.github.ntm4j.examples.cli.DashboardCommand;
import io.github.ntm4j.examples.cli.DemoCommand;
import io.github.ntm4j.examples.cli.EvalCommand;
import io.github.ntm4j.examples.cli.ModelFiles;
import io.github.ntm4j.examples.cli.SerialFilter;
import io.github.ntm4j.examples.cli.TrainCommand;
import io.github.ntm4j.examples.cli.UsageException;

import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/**
 * The {@code ntm4j.jar} command line: {@code java -jar ntm-examples/target/ntm4j.jar <command> [options]}.
 * Bad arguments print the usage and exit with code 2.
 */
public final class Ntm4j {
    static final String USAGE = String.join("\n",
            "usage: java -jar ntm4j.jar <command> [options]",
            "commands:",
            "  demo    run the shipped pretrained copy model on a sequence longer than it was trained on",
            "          " + DemoCommand.USAGE,
            "  dashboard  draw a trained NTM's heads moving over memory on one sequence, as a PNG",
            "          " + DashboardCommand.USAGE,
            "  curves  plot the learning curves of one or more train logs (loss, bit errors; log scale) as a PNG",
            "          " + CurvesCommand.USAGE,
            "  train   train an NTM on a task and print its progress",
            "          " + TrainCommand.USAGE,
            "  eval    the generalisation table of a trained model",
            "          " + EvalCommand.USAGE,
            "  bench   time training and inference of the copy configuration, fused and portable paths side by side",
            "          " + BenchCommand.USAGE);

    private Ntm4j() {
    }

    /** ND4J's own threads for the ops around the NTM; see {@link #configureNd4jThreads()}. */
    public static final String ND4J_THREADS_PROPERTY = "ntm4j.nd4jThreads";

    /** JavaCPP's limit on the process's physical memory; 0 switches the check off. */
    static final String MAX_PHYSICAL_BYTES_PROPERTY = "org.bytedeco.javacpp.maxPhysicalBytes";

    public static void main(String[] args) {
        SerialFilter.installProcessWide();
        skipPhysicalMemoryChecks();
        configureNd4jThreads();
        System.exit(run(args));
    }

    /**
     * On the CPU the fused NTM path does its own threading (it splits a minibatch over the cores), and
     * the ND4J ops around it (the output layer, the updater) are tiny. ND4J's OpenMP threads then cost
     * more in wake-ups and spin-waits than they save: measured on 2 cores, one training step of the copy
     * configuration at minibatch 1 took 5.3 ms with ND4J's default threads and 3.2 ms with one thread
     * (docs/performance.md). So the command line runs ND4J single-threaded unless
     * {@code -Dntm4j.nd4jThreads=N} says otherwise.
     */
    /**
     * JavaCPP checks the process's physical memory (it reads {@code /proc/self/statm}) on every off-heap
     * allocation while {@code org.bytedeco.javacpp.maxPhysicalBytes} is above 0, and DL4J makes dozens of
     * small allocations per training step. A JFR profile of training at minibatch 1 found 10% of the main
     * thread in that check; switching it off took a step from 3.1-3.2 to 2.75 ms (docs/performance.md). The
     * off-heap limit ({@code org.bytedeco.javacpp.maxBytes}) still applies. Must run before the first ND4J
     * class loads; a value given on the command line wins.
     */
    static void skipPhysicalMemoryChecks() {
        if (System.getProperty(MAX_PHYSICAL_BYTES_PROPERTY) == null) {
            System.setProperty(MAX_PHYSICAL_BYTES_PROPERTY, "0");
        }
    }

    static void configureNd4jThreads() {
        int threads = Integer.getInteger(ND4J_THREADS_PROPERTY, 1);
        if (threads > 0) {
            Nd4j.getEnvironment().setMaxThreads(threads);
            Nd4j.getEnvironment().setMaxMasterThreads(threads);
        }
    }

    static int run(String[] args) {
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help")) {
            System.out.println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            switch (args[0]) {
                case "train":
                    return new TrainCommand(rest).run();
                case "demo":
                    return new DemoCommand(rest).run();
                case "dashboard":
                    return new DashboardCommand(rest).run();
                case "curves":
                    return new CurvesCommand(rest).run();
                case "eval":
                    return new EvalCommand(rest).run();
                case "bench":
                    return new BenchCommand(rest).run();
                default:
                    throw new UsageException("unknown command \"" + args[0] + "\"");
            }
        } catch (UsageException e) {
            System.err.println("ntm4j: " + e.getMessage());
            System.err.println(USAGE);
            return 2;
        } catch (ModelFiles.ModelFileException e) {
            System.err.println("ntm4j: " + e.getMessage());
            return 1;
        }
    }
}
