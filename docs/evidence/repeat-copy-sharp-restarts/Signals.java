// In-range addressing signals of repeat-copy models: on N sequences of LENGTH vectors x REPEATS repeats drawn with
// SEED, per head the mean over sequences and steps of the weighting's largest entry, the fraction of steps where it
// is over 0.9, and for the write head (the last head) through the count steps: the fraction of count steps on which it
// moves exactly one row from the step before, and the smallest largest entry there.
// Usage: javac -cp ntm4j.jar Signals.java && java -cp ntm4j.jar:. Signals LENGTH REPEATS N SEED MODEL.zip...
import io.github.ntm4j.examples.cli.*;
import io.github.ntm4j.layer.inspect.*;
import io.github.ntm4j.tasks.*;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.api.buffer.DataType;
import java.io.File;
import java.util.List;

public class Signals {
    public static void main(String[] a) throws Exception {
        int len = Integer.parseInt(a[0]), reps = Integer.parseInt(a[1]), n = Integer.parseInt(a[2]);
        long seed = Long.parseLong(a[3]);
        List<Example> ex = Examples.generate(TaskName.repeatCopy(len, reps), n, seed);
        DataSet ds = Examples.toDataSet(ex, DataType.FLOAT);
        for (int i = 4; i < a.length; i++) {
            MultiLayerNetwork net = ModelFiles.load(new File(a[i]), "repeat-copy");
            var layer = net.getLayer(0);
            NtmInspection.enable(layer);
            net.output(ds.getFeatures(), false, ds.getFeaturesMaskArray(), ds.getLabelsMaskArray());
            NtmTrace tr = NtmInspection.lastTrace(layer);
            INDArray w = tr.weightings; // [B, H, N, T]
            long B = w.size(0), H = w.size(1), T = w.size(3);
            INDArray mx = w.max(2); // [B, H, T]
            INDArray am = w.argMax(2);
            StringBuilder sb = new StringBuilder(a[i]);
            for (int h = 0; h < H; h++) {
                double sum = 0, sharp = 0;
                for (int b = 0; b < B; b++) for (int t = 0; t < T; t++) {
                    double v = mx.getDouble(b, h, t); sum += v; if (v > 0.9) sharp++;
                }
                sb.append(String.format(" h%d_max=%.3f h%d_sharp=%.3f", h, sum / (B * T), h, sharp / (B * T)));
            }
            int wh = (int) H - 1; double one = 0, minMax = 1, cnt = 0;
            for (int b = 0; b < B; b++) for (int t = len + 1; t <= len + reps; t++) {
                long d = Math.abs(am.getLong(b, wh, t) - am.getLong(b, wh, t - 1));
                if (d == 1 || d == 127) one++;
                cnt++;
                minMax = Math.min(minMax, mx.getDouble(b, wh, t));
            }
            sb.append(String.format(" count_one_row=%.3f count_min_max=%.3f", one / cnt, minMax));
            System.out.println(sb);
        }
    }
}
