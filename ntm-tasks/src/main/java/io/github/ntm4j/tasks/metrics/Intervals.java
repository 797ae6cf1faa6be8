package io.github.ntm4j.tasks.metrics;

/**
 * The 95% intervals NTM4J reports with its results (docs/protocol.md): Wilson's score interval for a
 * proportion (sequences copied perfectly, words classified right), which behaves at 0 and 1 where the
 * normal approximation does not, and the normal interval of a mean.
 */
public final class Intervals {
    /** The standard normal quantile of a two-sided 95% interval. */
    public static final double Z95 = 1.959963984540054;

    private Intervals() {
    }

    /**
     * Wilson's score interval for {@code successes} out of {@code n} (Wilson 1927):
     * {@code (p + z²/2n ± z sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n)}.
     *
     * @return {lower, upper}, within [0, 1]
     */
    public static double[] wilson(double successes, int n, double z) {
        if (n <= 0) {
            throw new IllegalArgumentException("a proportion needs n > 0, got " + n);
        }
        if (successes < 0 || successes > n) {
            throw new IllegalArgumentException(successes + " successes out of " + n);
        }
        double p = successes / n;
        double z2 = z * z;
        double centre = p + z2 / (2.0 * n);
        double half = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        double scale = 1 + z2 / n;
        return new double[]{Math.max(0, (centre - half) / scale), Math.min(1, (centre + half) / scale)};
    }

    /**
     * The normal-approximation interval of a mean, {@code mean ± z sd / sqrt(n)}, cut at {@code floor}
     * (0 for bit errors and costs, which cannot be negative).
     *
     * @return {lower, upper}
     */
    public static double[] mean(double mean, double sd, int n, double z, double floor) {
        if (n <= 0) {
            throw new IllegalArgumentException("a mean needs n > 0, got " + n);
        }
        double half = z * sd / Math.sqrt(n);
        return new double[]{Math.max(floor, mean - half), mean + half};
    }
}
