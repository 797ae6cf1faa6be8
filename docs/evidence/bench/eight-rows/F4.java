import java.util.Random;

/** DenseOps.addVecRows (four rows a pass, multiply then add) against the same loop with Math.fma (one rounding: not bit-identical). */
public class F4 {
    static void four(double[] v, int rows, double[][] m, double[] out, int cols) {
        int k = 0;
        for (; k + 3 < rows; k += 4) {
            double a0 = v[k], a1 = v[k + 1], a2 = v[k + 2], a3 = v[k + 3];
            if (a0 == 0 && a1 == 0 && a2 == 0 && a3 == 0) continue;
            double[] m0 = m[k], m1 = m[k + 1], m2 = m[k + 2], m3 = m[k + 3];
            for (int j = 0; j < cols; j++) out[j] += a0 * m0[j] + a1 * m1[j] + a2 * m2[j] + a3 * m3[j];
        }
    }
    static void fma(double[] v, int rows, double[][] m, double[] out, int cols) {
        int k = 0;
        for (; k + 3 < rows; k += 4) {
            double a0 = v[k], a1 = v[k + 1], a2 = v[k + 2], a3 = v[k + 3];
            if (a0 == 0 && a1 == 0 && a2 == 0 && a3 == 0) continue;
            double[] m0 = m[k], m1 = m[k + 1], m2 = m[k + 2], m3 = m[k + 3];
            for (int j = 0; j < cols; j++) out[j] = Math.fma(a3, m3[j], Math.fma(a2, m2[j], Math.fma(a1, m1[j], Math.fma(a0, m0[j], out[j]))));
        }
    }
    public static void main(String[] args) {
        int rows = Integer.parseInt(args[0]), cols = Integer.parseInt(args[1]);
        Random r = new Random(1);
        double[][] m = new double[rows][cols];
        for (double[] x : m) for (int j = 0; j < cols; j++) x[j] = r.nextGaussian();
        double[] v = new double[rows];
        for (int k = 0; k < rows; k++) v[k] = r.nextDouble() < 0.3 ? 0 : r.nextGaussian();
        double[] o4 = new double[cols], o8 = new double[cols];
        int reps = (int) Math.max(1000, 3e8 / ((long) rows * cols));
        for (int round = 0; round < 6; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < reps; i++) four(v, rows, m, o4, cols);
            long t1 = System.nanoTime();
            for (int i = 0; i < reps; i++) fma(v, rows, m, o8, cols);
            long t2 = System.nanoTime();
            double f = 2.0 * rows * cols * reps;
            if (round >= 2) System.out.printf("%dx%d mul+add %.2f GFLOP/s  fma %.2f GFLOP/s  ratio %.2f%n", rows, cols,
                    f / (t1 - t0), f / (t2 - t1), (t1 - t0) / (double) (t2 - t1));
        }
    }
}
