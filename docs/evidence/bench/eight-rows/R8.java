import java.util.Random;

/** DenseOps.addVecRows (four rows a pass) against eight rows a pass as two groups of four (bit for bit the same). */
public class R8 {
    static void four(double[] v, int rows, double[][] m, double[] out, int cols) {
        int k = 0;
        for (; k + 3 < rows; k += 4) {
            double a0 = v[k], a1 = v[k + 1], a2 = v[k + 2], a3 = v[k + 3];
            if (a0 == 0 && a1 == 0 && a2 == 0 && a3 == 0) continue;
            double[] m0 = m[k], m1 = m[k + 1], m2 = m[k + 2], m3 = m[k + 3];
            for (int j = 0; j < cols; j++) out[j] += a0 * m0[j] + a1 * m1[j] + a2 * m2[j] + a3 * m3[j];
        }
        for (; k < rows; k++) { double a = v[k]; if (a == 0) continue; double[] r = m[k]; for (int j = 0; j < cols; j++) out[j] += a * r[j]; }
    }
    static void eight(double[] v, int rows, double[][] m, double[] out, int cols) {
        int k = 0;
        for (; k + 7 < rows; k += 8) {
            double a0 = v[k], a1 = v[k + 1], a2 = v[k + 2], a3 = v[k + 3];
            double b0 = v[k + 4], b1 = v[k + 5], b2 = v[k + 6], b3 = v[k + 7];
            boolean za = a0 == 0 && a1 == 0 && a2 == 0 && a3 == 0, zb = b0 == 0 && b1 == 0 && b2 == 0 && b3 == 0;
            double[] m0 = m[k], m1 = m[k + 1], m2 = m[k + 2], m3 = m[k + 3];
            double[] n0 = m[k + 4], n1 = m[k + 5], n2 = m[k + 6], n3 = m[k + 7];
            if (!za && !zb) {
                for (int j = 0; j < cols; j++)
                    out[j] = (out[j] + (a0 * m0[j] + a1 * m1[j] + a2 * m2[j] + a3 * m3[j])) + (b0 * n0[j] + b1 * n1[j] + b2 * n2[j] + b3 * n3[j]);
            } else if (!za) {
                for (int j = 0; j < cols; j++) out[j] += a0 * m0[j] + a1 * m1[j] + a2 * m2[j] + a3 * m3[j];
            } else if (!zb) {
                for (int j = 0; j < cols; j++) out[j] += b0 * n0[j] + b1 * n1[j] + b2 * n2[j] + b3 * n3[j];
            }
        }
        for (; k + 3 < rows; k += 4) {
            double a0 = v[k], a1 = v[k + 1], a2 = v[k + 2], a3 = v[k + 3];
            if (a0 == 0 && a1 == 0 && a2 == 0 && a3 == 0) continue;
            double[] m0 = m[k], m1 = m[k + 1], m2 = m[k + 2], m3 = m[k + 3];
            for (int j = 0; j < cols; j++) out[j] += a0 * m0[j] + a1 * m1[j] + a2 * m2[j] + a3 * m3[j];
        }
        for (; k < rows; k++) { double a = v[k]; if (a == 0) continue; double[] r = m[k]; for (int j = 0; j < cols; j++) out[j] += a * r[j]; }
    }
    public static void main(String[] args) {
        int rows = Integer.parseInt(args[0]), cols = Integer.parseInt(args[1]);
        Random r = new Random(1);
        double[][] m = new double[rows][cols];
        for (double[] x : m) for (int j = 0; j < cols; j++) x[j] = r.nextGaussian();
        double[] v = new double[rows];
        for (int k = 0; k < rows; k++) v[k] = r.nextDouble() < 0.3 ? 0 : r.nextGaussian();
        double[] o4 = new double[cols], o8 = new double[cols];
        for (int i = 0; i < 5; i++) { four(v, rows, m, o4, cols); eight(v, rows, m, o8, cols); }
        boolean same = true;
        for (int j = 0; j < cols; j++) same &= Double.doubleToLongBits(o4[j]) == Double.doubleToLongBits(o8[j]);
        int reps = (int) Math.max(1000, 3e8 / ((long) rows * cols));
        for (int round = 0; round < 6; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < reps; i++) four(v, rows, m, o4, cols);
            long t1 = System.nanoTime();
            for (int i = 0; i < reps; i++) eight(v, rows, m, o8, cols);
            long t2 = System.nanoTime();
            double f = 2.0 * rows * cols * reps;
            if (round >= 2) System.out.printf("%dx%d four %.2f GFLOP/s  eight %.2f GFLOP/s  ratio %.2f  identical=%b%n", rows, cols,
                    f / (t1 - t0), f / (t2 - t1), (t1 - t0) / (double) (t2 - t1), same);
        }
    }
}
