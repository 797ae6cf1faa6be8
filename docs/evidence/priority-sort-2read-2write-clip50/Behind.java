// For a 2 + 2 heads priority-sort model: at answer step k (the input of rank k due out), the rank of the input on
// whose row head H is (rows mapped to inputs by the storing write head S), counted relative to k; k - 1 is the input
// output, and read, one step before. Usage: java -cp ntm4j.jar:. Behind N MODEL.zip S H
import io.github.ntm4j.examples.cli.*;
import io.github.ntm4j.layer.inspect.*;
import io.github.ntm4j.tasks.*;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.api.buffer.DataType;
import static org.nd4j.linalg.indexing.NDArrayIndex.*;
import java.util.*;

public class Behind {
    public static void main(String[] a) throws Exception {
        MultiLayerNetwork net = ModelFiles.load(new java.io.File(a[1]), "priority-sort");
        var layer = net.getLayer(0);
        NtmInspection.enable(layer);
        int n = 20, m = 16, bits = 8, S = Integer.parseInt(a[2]), H = Integer.parseInt(a[3]);
        SequenceTask task = new PrioritySortTask(new PrioritySortTask.Params(bits, n, m));
        int[] rel = new int[41]; int none = 0; int steps = 0; Map<Integer,Integer> rank = new HashMap<>();
        for (long seed = 1; seed <= Long.parseLong(a[0]); seed++) {
            List<Example> one = Examples.generate(task, 1, seed);
            Example ex = one.get(0);
            DataSet ds = Examples.toDataSet(one, DataType.FLOAT);
            net.output(ds.getFeatures(), false, ds.getFeaturesMaskArray(), ds.getLabelsMaskArray());
            NtmTrace tr = NtmInspection.lastTrace(layer);
            double[] p = new double[n];
            Map<Integer, Integer> rowToInput = new HashMap<>();
            for (int i = 0; i < n; i++) {
                p[i] = ex.input()[i][bits];
                rowToInput.put(tr.weightings.get(point(0), point(S), all(), point(i)).argMax().getInt(0), i);
            }
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) order[i] = i;
            Arrays.sort(order, (x, y) -> Double.compare(p[y], p[x]));
            for (int k = 0; k < m; k++) {
                int t = n + 1 + k;
                steps++;
                int row = tr.weightings.get(point(0), point(H), all(), point(t)).argMax().getInt(0);
                Integer j = rowToInput.get(row);
                if (j == null) none++; else { int r = 0; for (int q = 0; q < n; q++) if (order[q].equals(j)) r = q; rel[r - k + 20]++; }
            }
        }
        System.out.println("answer steps " + steps + "; head " + H + " on no stored input's row: " + none);
        for (int i = 0; i < 41; i++) if (rel[i] > 0) System.out.println("on the input of rank k " + (i >= 20 ? "+ " : "- ") + Math.abs(i - 20) + " at answer step k: " + rel[i]);
    }
}
