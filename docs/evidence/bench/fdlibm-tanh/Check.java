import io.github.ntm4j.layer.internal.step.fused.Fdlibm;
import java.util.SplittableRandom;
public class Check {
    public static void main(String[] a) {
        SplittableRandom r = new SplittableRandom(1);
        long bad = 0, n = Long.parseLong(a[0]);
        for (long i = 0; i < n; i++) {
            double x = Double.longBitsToDouble(r.nextLong());
            double y = r.nextDouble(-40, 40);
            if (Double.doubleToRawLongBits(StrictMath.tanh(x)) != Double.doubleToRawLongBits(Fdlibm.tanh(x))) bad++;
            if (Double.doubleToRawLongBits(StrictMath.expm1(x)) != Double.doubleToRawLongBits(Fdlibm.expm1(x))) bad++;
            if (Double.doubleToRawLongBits(StrictMath.tanh(y)) != Double.doubleToRawLongBits(Fdlibm.tanh(y))) bad++;
        }
        System.out.println("checked " + n + " x3, mismatches " + bad);
        // timing: alternate
        double[] xs = new double[4096]; for (int i = 0; i < xs.length; i++) xs[i] = r.nextDouble(-4, 4);
        for (int rep = 0; rep < 6; rep++) {
            long t0 = System.nanoTime(); double s = 0;
            for (int k = 0; k < 5000; k++) for (double x : xs) s += Math.tanh(x);
            long t1 = System.nanoTime(); double s2 = 0;
            for (int k = 0; k < 5000; k++) for (double x : xs) s2 += Fdlibm.tanh(x);
            long t2 = System.nanoTime();
            System.out.printf("Math.tanh %.1f ns, Fdlibm.tanh %.1f ns (%b)%n", (t1 - t0) / 2.048e7, (t2 - t1) / 2.048e7, s == s2);
        }
    }
}
