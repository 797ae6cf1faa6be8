public class VD {
    static void addVecMat(double[] v, int vo, int rows, double[] m, int mo, int cols, double[] out, int oo) {
        int k = 0;
        for (; k + 3 < rows; k += 4) {
            double a0 = v[vo + k], a1 = v[vo + k + 1], a2 = v[vo + k + 2], a3 = v[vo + k + 3];
            if (a0 == 0 && a1 == 0 && a2 == 0 && a3 == 0) continue;
            int r0 = mo + k * cols, r1 = r0 + cols, r2 = r1 + cols, r3 = r2 + cols;
            for (int j = 0; j < cols; j++) {
                out[oo + j] += a0 * m[r0 + j] + a1 * m[r1 + j] + a2 * m[r2 + j] + a3 * m[r3 + j];
            }
        }
    }
    static void rowsVersion(double[] v, int vo, int rows, double[][] m, int cols, double[] out) {
        int k = 0;
        for (; k + 3 < rows; k += 4) {
            double a0 = v[vo + k], a1 = v[vo + k + 1], a2 = v[vo + k + 2], a3 = v[vo + k + 3];
            if (a0 == 0 && a1 == 0 && a2 == 0 && a3 == 0) continue;
            double[] m0 = m[k], m1 = m[k + 1], m2 = m[k + 2], m3 = m[k + 3];
            for (int j = 0; j < cols; j++) {
                out[j] += a0 * m0[j] + a1 * m1[j] + a2 * m2[j] + a3 * m3[j];
            }
        }
    }
    public static void main(String[] a) {
        int rows = Integer.parseInt(a[0]), cols = Integer.parseInt(a[1]);
        double[] v = new double[rows + 5], m = new double[rows * cols], out = new double[cols + 7], out2 = new double[cols];
        double[][] mr = new double[rows][cols];
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < v.length; i++) v[i] = r.nextGaussian();
        for (int i = 0; i < m.length; i++) { m[i] = r.nextGaussian(); mr[i / cols][i % cols] = m[i]; }
        for (int rep = 0; rep < 5; rep++) {
            java.util.Arrays.fill(out, 0); java.util.Arrays.fill(out2, 0);
            long t0 = System.nanoTime(); int it = 100000;
            for (int i = 0; i < it; i++) addVecMat(v, 5, rows, m, 0, cols, out, 7);
            long t1 = System.nanoTime();
            for (int i = 0; i < it; i++) rowsVersion(v, 5, rows, mr, cols, out2);
            long t2 = System.nanoTime();
            double fl = 2.0 * rows * cols * it;
            boolean same = true; for (int j = 0; j < cols; j++) same &= Double.doubleToLongBits(out[7 + j]) == Double.doubleToLongBits(out2[j]);
            System.out.printf("offsets %.2f GFLOP/s   rows %.2f GFLOP/s  identical=%b%n", fl / (t1 - t0), fl / (t2 - t1), same);
        }
    }
}
