// Mean sharpening gamma and key strength beta of each head over the answer steps (t and t - 1). Usage: java -cp ntm4j.jar:. Gam N MODEL.zip
import io.github.ntm4j.examples.cli.*;
import io.github.ntm4j.layer.inspect.*;
import io.github.ntm4j.tasks.*;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.api.buffer.DataType;
import java.util.*;

public class Gam {
    public static void main(String[] a) throws Exception {
        MultiLayerNetwork net = ModelFiles.load(new java.io.File(a[1]), "priority-sort");
        var layer = net.getLayer(0);
        NtmInspection.enable(layer);
        int n = 20, m = 16, bits = 8;
        SequenceTask task = new PrioritySortTask(new PrioritySortTask.Params(bits, n, m));
        double[] g = new double[4], be = new double[4]; int steps = 0, heads = 0;
        for (long seed = 1; seed <= Long.parseLong(a[0]); seed++) {
            List<Example> one = Examples.generate(task, 1, seed);
            DataSet ds = Examples.toDataSet(one, DataType.FLOAT);
            net.output(ds.getFeatures(), false, ds.getFeaturesMaskArray(), ds.getLabelsMaskArray());
            NtmTrace tr = NtmInspection.lastTrace(layer);
            for (int k = 0; k < m; k++) {
                int t = n + 1 + k;
                steps++;
                heads = (int) tr.sharpening.size(1);
                for (int h = 0; h < heads; h++) { g[h] += tr.sharpening.getDouble(0, h, t) + tr.sharpening.getDouble(0, h, t - 1); be[h] += tr.keyStrength.getDouble(0, h, t) + tr.keyStrength.getDouble(0, h, t - 1); }
            }
        }
        for (int h = 0; h < heads; h++) System.out.printf("head %d: mean gamma %.2f, beta %.1f over answer steps t and t-1%n", h, g[h] / (2 * steps), be[h] / (2 * steps));
    }
}
