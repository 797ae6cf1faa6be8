// Where the shipped n-gram model's read head looks: for each of the sequences `dashboard --pretrained ngrams
// --length L --seed S` draws (S = 1..N), at every step t from 40 on, the share of the read weighting on rows that
// the write head wrote at a step j whose 5 bits up to j - D are the 5 bits up to t (the current context), for
// D = -1..2, against the share of the written rows that match (what a read spread at random would give).
// D = 1 is "the rows written just after the current context occurred before": what followed it.
// Usage: javac -cp ntm4j.jar Ngrams.java && java -cp ntm4j.jar:. Ngrams LENGTH N
import io.github.ntm4j.examples.cli.*;
import io.github.ntm4j.layer.inspect.*;
import io.github.ntm4j.tasks.*;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.api.buffer.DataType;
import static org.nd4j.linalg.indexing.NDArrayIndex.*;
import java.util.*;

public class Ngrams {
    public static void main(String[] a) throws Exception {
        MultiLayerNetwork net = ModelFiles.loadResource("/models/ngrams.zip", "ngrams");
        var layer = net.getLayer(0);
        NtmInspection.enable(layer);
        int len = Integer.parseInt(a[0]);
        SequenceTask task = new DynamicNGramsTask(new DynamicNGramsTask.Params(6, len));
        int[] ds = {-1, 0, 1, 2};
        double[] mass = new double[ds.length], share = new double[ds.length];
        double effRows = 0, matchRows = 0, topMass = 0, latestMass = 0, evenTop = 0; int spreadCount = 0;
        int count = 0; int nRows = 0; double[][] sx = new double[4][20], sy = new double[4][20], sxx = new double[4][20], syy = new double[4][20], sxy = new double[4][20];
        for (long seed = 1; seed <= Long.parseLong(a[1]); seed++) {
            List<Example> one = Examples.generate(task, 1, seed);
            Example ex = one.get(0);
            DataSet d = Examples.toDataSet(one, DataType.FLOAT);
            net.output(d.getFeatures(), false, d.getFeaturesMaskArray(), d.getLabelsMaskArray());
            NtmTrace tr = NtmInspection.lastTrace(layer);
            int T = ex.steps();
            int[] b = new int[T];
            for (int t = 0; t < T; t++) b[t] = ex.input()[t][0] > 0.5 ? 1 : 0;
            int rowsN = (int) tr.weightings.size(2);
            int[] writtenAt = new int[rowsN];
            Arrays.fill(writtenAt, -1);
            for (int t = 0; t < T; t++) {
                if (t >= 40) {
                    double[] w = tr.weightings.get(point(0), point(0), all(), point(t)).toDoubleVector();
                    double sq = 0;
                    for (double x : w) sq += x * x;
                    effRows += 1 / sq;
                    for (int k = 0; k < ds.length; k++) {
                        int written = 0, match = 0;
                        double m = 0;
                        for (int r = 0; r < rowsN; r++) {
                            int j = writtenAt[r] - ds[k];
                            if (writtenAt[r] < 0 || j < 4) continue;
                            written++;
                            boolean same = true;
                            for (int q = 0; q < 5; q++) if (b[j - q] != b[t - q]) same = false;
                            if (same) { match++; m += w[r]; }
                        }
                        mass[k] += m;
                        share[k] += match / (double) Math.max(1, written);
                        if (ds[k] == 1) matchRows += match;
                        if (ds[k] == 2 && match >= 2 && m > 0.5) {
                            double top = 0, latest = 0; int latestJ = -1;
                            for (int r = 0; r < rowsN; r++) {
                                int j = writtenAt[r] - 2;
                                if (writtenAt[r] < 0 || j < 4) continue;
                                boolean same = true;
                                for (int q = 0; q < 5; q++) if (b[j - q] != b[t - q]) same = false;
                                if (!same) continue;
                                top = Math.max(top, w[r]);
                                if (writtenAt[r] > latestJ) { latestJ = writtenAt[r]; latest = w[r]; }
                            }
                            topMass += top / m; latestMass += latest / m; evenTop += 1.0 / match; spreadCount++;
                        }
                    }
                    count++;
                }
                // the write of step t lands after the read of step t
                int wr = tr.weightings.get(point(0), point(1), all(), point(t)).argMax().getInt(0);
                writtenAt[wr] = t;
                if (t >= 8) {
                    double[] row = tr.memory.get(point(0), point(wr), all(), point(t)).toDoubleVector();
                    for (int lag = 0; lag < 4; lag++) for (int c = 0; c < row.length; c++) {
                        double y = b[t - lag];
                        sx[lag][c] += row[c]; sy[lag][c] += y; sxx[lag][c] += row[c] * row[c]; syy[lag][c] += y * y; sxy[lag][c] += row[c] * y;
                    }
                    nRows++;
                }
            }
        }
        System.out.printf("%d steps (t >= 40 of %d-bit sequences); read weighting spread over %.1f rows (1 / sum w^2)%n", count, len, effRows / count);
        for (int lag = 0; lag < 4; lag++) {
            double best = 0; int bc = -1;
            for (int c = 0; c < 20; c++) {
                double n = nRows, cov = sxy[lag][c] / n - sx[lag][c] / n * sy[lag][c] / n;
                double r = cov / Math.sqrt((sxx[lag][c] / n - Math.pow(sx[lag][c] / n, 2)) * (syy[lag][c] / n - Math.pow(sy[lag][c] / n, 2)));
                if (Math.abs(r) > Math.abs(best)) { best = r; bc = c; }
            }
            System.out.printf("the row written at step j, its column most correlated with the bit b_(j-%d): column %d, r = %.3f%n", lag, bc, best);
        }
        System.out.printf("D=2, steps with 2 or more such rows holding over half the read weight (%d): the most-weighted of them holds %.3f of their weight, the latest %.3f; an even spread would give %.3f%n",
                spreadCount, topMass / spreadCount, latestMass / spreadCount, evenTop / spreadCount);
        for (int k = 0; k < ds.length; k++) {
            System.out.printf("D=%2d: read weight on rows written at a step j whose 5 bits up to j-D are the current 5 bits: %.3f; such rows are %.3f of the written rows%s%n",
                    ds[k], mass[k] / count, share[k] / count, ds[k] == 1 ? String.format(" (%.1f rows on average)", matchRows / count) : "");
        }
    }
}
