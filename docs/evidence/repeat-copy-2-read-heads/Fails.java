// How the shipped repeat-copy model fails at LENGTH vectors x REPEATS repeats: for each of the sequences
// `dashboard --pretrained repeat-copy --length L --repeats R --seed S` draws (S = 1..N) that it gets wrong, the wrong
// bits (answer step / channel), the row the write head is on in each repeat, the answer steps with an end marker,
// the rows the first read head reads in the last repeat, and the write head's rows through the input.
// Usage: javac -cp ntm4j.jar Fails.java && java -cp ntm4j.jar:. Fails LENGTH REPEATS N
import io.github.ntm4j.examples.cli.*;
import io.github.ntm4j.layer.inspect.*;
import io.github.ntm4j.tasks.*;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.api.buffer.DataType;
import static org.nd4j.linalg.indexing.NDArrayIndex.*;
import java.util.List;

public class Fails {
    static int argmax(NtmTrace tr, int h, int s) {
        return tr.weightings.get(point(0), point(h), all(), point(s)).argMax().getInt(0);
    }
    public static void main(String[] a) throws Exception {
        MultiLayerNetwork net = ModelFiles.loadResource("/models/repeat-copy.zip", "repeat-copy");
        int len = Integer.parseInt(a[0]), reps = Integer.parseInt(a[1]);
        var layer = net.getLayer(0);
        NtmInspection.enable(layer);
        int H = 3;
        for (long seed = 1; seed <= Long.parseLong(a[2]); seed++) {
            List<Example> one = Examples.generate(TaskName.repeatCopy(len, reps), 1, seed);
            DataSet ds = Examples.toDataSet(one, DataType.FLOAT);
            INDArray out = net.output(ds.getFeatures(), false, ds.getFeaturesMaskArray(), ds.getLabelsMaskArray());
            NtmTrace tr = NtmInspection.lastTrace(layer);
            INDArray y = ds.getLabels(), m = ds.getLabelsMaskArray();
            long T = y.size(2), C = y.size(1);
            int wrong = 0, first = -1;
            for (int t = 0; t < T; t++) {
                if (m.getDouble(0, t) == 0) continue;
                for (int c = 0; c < C; c++) {
                    boolean p = out.getDouble(0, c, t) > 0.5, q = y.getDouble(0, c, t) > 0.5;
                    if (p != q) { wrong++; if (first < 0) first = t; }
                }
            }
            if (wrong == 0) continue;
            int start = len + reps + 1; // first answer step
            StringBuilder b = new StringBuilder(String.format("seed=%d wrong=%d first_wrong_step=%d (answer step %d, repeat %d)", seed, wrong, first, first - start, (first - start) / len + 1));
            b.append(" write rows per repeat:");
            for (int r = 0; r < reps; r++) b.append(" ").append(argmax(tr, 2, start + r * len + 1));
            b.append(" | endmark>0.5 at answer steps:");
            for (int t = start; t < T; t++) if (out.getDouble(0, C - 1, t) > 0.5) b.append(" ").append(t - start);
            b.append(" | read rows in last repeat:");
            for (int t = start + (reps - 1) * len; t < Math.min(T, start + reps * len + 1); t++) b.append(" ").append(argmax(tr, 0, t));
            b.append(" | wrong answer steps:");
            for (int t = start; t < T; t++) for (int c = 0; c < C; c++) if ((out.getDouble(0, c, t) > 0.5) != (y.getDouble(0, c, t) > 0.5)) b.append(" ").append(t - start).append("/c").append(c);
            b.append(" | write rows t=0..start:");
            for (int t = 0; t <= start; t++) b.append(" ").append(argmax(tr, 2, t));
            System.out.println(b);
        }
    }
}
