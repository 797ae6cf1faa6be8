package io.github.ntm4j.examples;

import io.github.ntm4j.examples.cli.BenchCommand;
import io.github.ntm4j.examples.cli.CalibrateCommand;
import io.github.ntm4j.examples.cli.Cli;
import io.github.ntm4j.examples.cli.CurvesCommand;
import io.github.ntm4j.examples.cli.DashboardCommand;
import io.github.ntm4j.examples.cli.DemoCommand;
import io.github.ntm4j.examples.cli.EvalCommand;
import io.github.ntm4j.examples.cli.ExportCommand;
import io.github.ntm4j.examples.cli.SerialFilter;
import io.github.ntm4j.examples.cli.SweepCommand;
import io.github.ntm4j.examples.cli.TrainCommand;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.concurrent.Callable;

/**
 * The {@code ntm4j.jar} command line: {@code java -jar ntm-examples/target/ntm4j.jar <command> [options]}, one
 * picocli {@code @Command} class per command. {@code --help} works on every command, and {@code help COMMAND}
 * too. A usage error is one line and exit code 2, a failed run one line and exit code 1 ({@link Cli});
 * {@code --verbose} adds the stack trace.
 */
@Command(name = "ntm4j", mixinStandardHelpOptions = true, versionProvider = Ntm4j.Version.class,
        description = "Neural Turing Machines for Deeplearning4j: run the shipped models, train and evaluate your own.",
        subcommands = {DemoCommand.class, TrainCommand.class, EvalCommand.class, DashboardCommand.class,
                CurvesCommand.class, ExportCommand.class, CalibrateCommand.class, BenchCommand.class, SweepCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "For CPU training start Java with OMP_NUM_THREADS=1. README.md and docs/ have the details."})
public final class Ntm4j implements Callable<Integer> {
    /** ND4J's own threads for the ops around the NTM; see {@link #configureNd4jThreads()}. */
    public static final String ND4J_THREADS_PROPERTY = "ntm4j.nd4jThreads";

    /** JavaCPP's limit on the process's physical memory; 0 switches the check off. */
    static final String MAX_PHYSICAL_BYTES_PROPERTY = "org.bytedeco.javacpp.maxPhysicalBytes";

    @Option(names = Cli.VERBOSE, scope = ScopeType.INHERIT, description = "Print the stack trace of a failure.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        if (!isSweep(args)) {
            SerialFilter.installProcessWide();
        }
        skipPhysicalMemoryChecks();
        configureNd4jThreads();
        System.exit(run(args));
    }

    /**
     * Whether the command is {@code sweep}, the one command the serialization filter is not installed for: Spark
     * ships every task to its executor threads (and on a cluster, its executors) as Java-serialized Scala and Spark
     * objects (RDDs, partitions, closures, task descriptions), which no short allow-list can name. What a sweep
     * deserializes is what its own driver serialized; model files are read by {@code SafeModelLoader} as in every
     * other command (docs/sweep.md).
     */
    static boolean isSweep(String[] args) {
        for (String a : args) {
            if (!a.startsWith("-")) {
                return a.equals("sweep");
            }
        }
        return false;
    }

    /**
     * JavaCPP checks the process's physical memory (it reads {@code /proc/self/statm}) on every off-heap
     * allocation while {@code org.bytedeco.javacpp.maxPhysicalBytes} is above 0, and DL4J makes dozens of
     * small allocations per training step. A JFR profile of training at minibatch 1 found 10% of the main
     * thread in that check; switching it off took a step from 3.1-3.2 to 2.75 ms (docs/performance.md). On
     * ND4J M2.1's CPU backend that check is the only limit on ND4J's arrays ({@code org.bytedeco.javacpp.maxBytes}
     * does not count them, docs/reliability.md "Memory"), so they are then limited by the machine; the fused
     * path's heap stays limited by {@code -Xmx}. Must run before the first ND4J class loads; a value given on
     * the command line wins.
     */
    static void skipPhysicalMemoryChecks() {
        if (System.getProperty(MAX_PHYSICAL_BYTES_PROPERTY) == null) {
            System.setProperty(MAX_PHYSICAL_BYTES_PROPERTY, "0");
        }
    }

    /**
     * On the CPU the fused NTM path does its own threading (it splits a minibatch over the cores), and
     * the ND4J ops around it (the output layer, the updater) are tiny. ND4J's OpenMP threads then cost
     * more in wake-ups and spin-waits than they save: measured on 2 cores, one training step of the copy
     * configuration at minibatch 1 took 5.3 ms with ND4J's default threads and 3.2 ms with one thread
     * (docs/performance.md). So the command line runs ND4J single-threaded unless
     * {@code -Dntm4j.nd4jThreads=N} says otherwise.
     */
    public static void configureNd4jThreads() {
        int threads = Integer.getInteger(ND4J_THREADS_PROPERTY, 1);
        if (threads > 0) {
            Nd4j.getEnvironment().setMaxThreads(threads);
            Nd4j.getEnvironment().setMaxMasterThreads(threads);
        }
    }

    /** Runs one command line and returns its exit code. */
    static int run(String[] args) {
        return commandLine().execute(args);
    }

    /** The command line with every command, NTM4J's error reporting and {@code train}'s recipe table. */
    public static CommandLine commandLine() {
        CommandLine cl = Cli.configure(new CommandLine(new Ntm4j()), "ntm4j");
        TrainCommand.describeRecipes(cl.getSubcommands().get("train"));
        return cl;
    }

    /** {@code ntm4j} without a command is a usage error. */
    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "give a command: "
                + String.join(", ", spec.subcommands().keySet()));
    }

    /** {@code --version}: NTM4J's, DL4J's and Java's versions. */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = Ntm4j.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[]{"ntm4j " + p.getProperty("version", "(unknown version)") + ", Deeplearning4j "
                    + p.getProperty("dl4j", "(unknown version)") + ", Java " + System.getProperty("java.version")};
        }
    }
}
