public class VC {
    static void axpy(double a, double[] x, int xo, double[] y, int yo, int n) {
        for (int j = 0; j < n; j++) y[yo + j] += a * x[xo + j];
    }
    static void axpy0(double a, double[] x, double[] y, int n) {
        for (int j = 0; j < n; j++) y[j] += a * x[j];
    }
    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        double[] x = new double[n + 8], y = new double[n + 8];
        for (int i = 0; i < n; i++) x[i] = i * 1e-9;
        for (int rep = 0; rep < 5; rep++) {
            int it = 20_000_000 / n * 100;
            long t0 = System.nanoTime();
            for (int i = 0; i < it; i++) axpy(1.0000001, x, Integer.parseInt(args[1]), y, Integer.parseInt(args[2]), n);
            long t1 = System.nanoTime();
            for (int i = 0; i < it; i++) axpy0(1.0000001, x, y, n);
            long t2 = System.nanoTime();
            double fl = 2.0 * n * it;
            System.out.printf("offsets %.2f GFLOP/s  zero %.2f GFLOP/s %f%n", fl / (t1 - t0), fl / (t2 - t1), y[5]);
        }
    }
}
