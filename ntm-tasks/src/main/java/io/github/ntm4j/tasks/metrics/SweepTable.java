package io.github.ntm4j.tasks.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The result of a {@link GeneralisationSweep}: one row per value of the swept variable
 * (length, item count, repeats...). {@link #toString()} is an aligned text table;
 * {@link #writeCsv(Path)} writes the same columns as CSV.
 *
 * @param variable the name of the swept variable, the first column's header
 * @param rows     the rows, in sweep order
 */
public record SweepTable(String variable, List<Row> rows) {

    /**
     * Column headers, in order, after the variable's. The last eight are 95% intervals (docs/protocol.md):
     * Wilson's for the two accuracies that are proportions of sequences, the normal one for the mean bit
     * errors and for the mean cost; they come after the columns of earlier versions, which keep their places.
     */
    public static final List<String> COLUMNS = List.of(
            "examples", "mean_bit_errors", "mean_cost_bits", "sequence_accuracy", "step_accuracy",
            "final_step_accuracy", "sequence_accuracy_lo95", "sequence_accuracy_hi95", "final_step_accuracy_lo95",
            "final_step_accuracy_hi95", "mean_bit_errors_lo95", "mean_bit_errors_hi95", "mean_cost_bits_lo95",
            "mean_cost_bits_hi95");

    /**
     * One value of the sweep, averaged over its test set.
     *
     * @param value             the swept variable's value
     * @param examples          test examples evaluated
     * @param meanBitErrors     {@link SequenceMetrics#bitErrors} per sequence, averaged
     * @param meanCostBits      {@link SequenceMetrics#costBits} per sequence, averaged
     * @param sequenceAccuracy  fraction of sequences with no bit error
     * @param stepAccuracy      fraction of answer bits right
     * @param finalStepAccuracy fraction of sequences whose last answer step is right (Dyck)
     * @param bitErrorsSd       the standard deviation of the bit errors per sequence (NaN if unknown)
     * @param costBitsSd        the standard deviation of the cost per sequence (NaN if unknown)
     */
    public record Row(int value, int examples, double meanBitErrors, double meanCostBits,
                      double sequenceAccuracy, double stepAccuracy, double finalStepAccuracy, double bitErrorsSd,
                      double costBitsSd) {

        /** A row without the spread of its cost (that mean's interval is then NaN). */
        public Row(int value, int examples, double meanBitErrors, double meanCostBits, double sequenceAccuracy,
                   double stepAccuracy, double finalStepAccuracy, double bitErrorsSd) {
            this(value, examples, meanBitErrors, meanCostBits, sequenceAccuracy, stepAccuracy, finalStepAccuracy,
                    bitErrorsSd, Double.NaN);
        }

        /** A row without the spread of its bit errors or cost (their means' intervals are then NaN). */
        public Row(int value, int examples, double meanBitErrors, double meanCostBits, double sequenceAccuracy,
                   double stepAccuracy, double finalStepAccuracy) {
            this(value, examples, meanBitErrors, meanCostBits, sequenceAccuracy, stepAccuracy, finalStepAccuracy,
                    Double.NaN, Double.NaN);
        }

        /** Wilson's 95% interval of {@link #sequenceAccuracy}. */
        public double[] sequenceAccuracy95() {
            return Intervals.wilson(Math.round(sequenceAccuracy * examples), examples, Intervals.Z95);
        }

        /** Wilson's 95% interval of {@link #finalStepAccuracy}. */
        public double[] finalStepAccuracy95() {
            return Intervals.wilson(Math.round(finalStepAccuracy * examples), examples, Intervals.Z95);
        }

        /** The normal 95% interval of {@link #meanBitErrors}. */
        public double[] meanBitErrors95() {
            return Intervals.mean(meanBitErrors, bitErrorsSd, examples, Intervals.Z95, 0);
        }

        /**
         * The normal 95% interval of {@link #meanCostBits}. The cost per sequence is heavy-tailed (a sequence
         * answered wrongly with confidence costs far more than the rest), so the interval is wide and, for small
         * samples, only approximate.
         */
        public double[] meanCostBits95() {
            return Intervals.mean(meanCostBits, costBitsSd, examples, Intervals.Z95, 0);
        }

        private String[] cells() {
            double[] s = sequenceAccuracy95();
            double[] f = finalStepAccuracy95();
            double[] b = meanBitErrors95();
            double[] c = meanCostBits95();
            return new String[] {
                Integer.toString(value), Integer.toString(examples), format(meanBitErrors), format(meanCostBits),
                format(sequenceAccuracy), format(stepAccuracy), format(finalStepAccuracy), format(s[0]),
                format(s[1]), format(f[0]), format(f[1]), format(b[0]), format(b[1]), format(c[0]), format(c[1])};
        }
    }

    public SweepTable {
        Objects.requireNonNull(variable, "variable");
        rows = List.copyOf(rows);
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private String[] header() {
        String[] h = new String[COLUMNS.size() + 1];
        h[0] = variable;
        for (int i = 0; i < COLUMNS.size(); i++) {
            h[i + 1] = COLUMNS.get(i);
        }
        return h;
    }

    /** The CSV text: a header line, then one line per row; numbers with 4 decimals. */
    public String toCsv() {
        StringBuilder sb = new StringBuilder(String.join(",", header())).append('\n');
        for (Row r : rows) {
            sb.append(String.join(",", r.cells())).append('\n');
        }
        return sb.toString();
    }

    /** Writes {@link #toCsv()} to {@code file} in UTF-8. */
    public void writeCsv(Path file) throws IOException {
        Files.writeString(file, toCsv(), StandardCharsets.UTF_8);
    }

    /** An aligned, right-justified text table with the same columns as the CSV. */
    @Override
    public String toString() {
        String[] header = header();
        int[] width = new int[header.length];
        for (int c = 0; c < header.length; c++) {
            width[c] = header[c].length();
        }
        for (Row r : rows) {
            String[] cells = r.cells();
            for (int c = 0; c < cells.length; c++) {
                width[c] = Math.max(width[c], cells[c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        appendLine(sb, header, width);
        for (Row r : rows) {
            appendLine(sb, r.cells(), width);
        }
        return sb.toString();
    }

    private static void appendLine(StringBuilder sb, String[] cells, int[] width) {
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) {
                sb.append("  ");
            }
            sb.append(" ".repeat(width[c] - cells[c].length())).append(cells[c]);
        }
        sb.append('\n');
    }
}
