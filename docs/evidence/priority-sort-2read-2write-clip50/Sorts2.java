// ../heads/Sorts.java for a priority-sort model of two read and two write heads (seed 2 of the clipped arm): for each
// of the sequences `dashboard --length 20 --seed S` draws (S = 1..N), where write head 2 (head S = 3) stores each input,
// which stored input read head 1 (head R = 0) is on at each answer step (at the same step: the layer's output at a step holds
// that step's read vectors), whether that is the input of the right rank, and where write head 1 (head W = 2) is.
// Usage: javac -cp ntm4j.jar Sorts2.java && java -cp ntm4j.jar:. Sorts2 N v|q MODEL.zip [R S W]
// (R, S, W: the finding read head, the storing write head and the other write head, as layer head indices, reads
// first; seed 2's 0 3 2 by default)
import io.github.ntm4j.examples.cli.*;
import io.github.ntm4j.layer.inspect.*;
import io.github.ntm4j.tasks.*;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.api.buffer.DataType;
import static org.nd4j.linalg.indexing.NDArrayIndex.*;
import java.util.*;

public class Sorts2 {
    // heads: 0, 1 read; 2, 3 write (reads first). R: the read head that finds, S: the write head that stores.
    static int R = 0, S = 3, W = 2;
    static int argmax(NtmTrace tr, int h, int s) {
        return tr.weightings.get(point(0), point(h), all(), point(s)).argMax().getInt(0);
    }
    public static void main(String[] a) throws Exception {
        if (a.length >= 6) { R = Integer.parseInt(a[3]); S = Integer.parseInt(a[4]); W = Integer.parseInt(a[5]); }
        MultiLayerNetwork net = ModelFiles.load(new java.io.File(a[2]), "priority-sort");
        var layer = net.getLayer(0);
        NtmInspection.enable(layer);
        int n = 20, m = 16, bits = 8;
        boolean verbose = a[1].equals("v");
        SequenceTask task = new PrioritySortTask(new PrioritySortTask.Params(bits, n, m));
        int steps = 0, right = 0, again = 0, lower = 0, none = 0, stepsRightOut = 0, rightAndOut = 0, wrongAndOut = 0;
        int writeOnRead = 0, writeOnPrevRead = 0, distinctRows = 0, seqs = 0, perfect = 0, seqAllRight = 0, seqAllRightPerfect = 0;
        double gapWrong = 0, gapAll = 0; int gapWrongN = 0, gapAllN = 0;
        double gamma = 0, gRead = 0, gWrite = 0, betaRead = 0, wRead = 0;
        int[] collisions = new int[1];
        for (long seed = 1; seed <= Long.parseLong(a[0]); seed++) {
            List<Example> one = Examples.generate(task, 1, seed);
            Example ex = one.get(0);
            DataSet ds = Examples.toDataSet(one, DataType.FLOAT);
            INDArray out = net.output(ds.getFeatures(), false, ds.getFeaturesMaskArray(), ds.getLabelsMaskArray());
            NtmTrace tr = NtmInspection.lastTrace(layer);
            double[] p = new double[n];
            Map<Integer, Integer> rowToInput = new HashMap<>();
            Set<Integer> rows = new HashSet<>();
            for (int i = 0; i < n; i++) {
                p[i] = ex.input()[i][bits];
                int r = argmax(tr, S, i);
                if (rowToInput.put(r, i) != null) collisions[0]++;
                rows.add(r);
            }
            distinctRows += rows.size();
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) order[i] = i;
            Arrays.sort(order, (x, y) -> Double.compare(p[y], p[x]));
            Map<Integer, Integer> rank = new HashMap<>();
            for (int k = 0; k < n; k++) rank.put(order[k], k);
            Set<Integer> done = new HashSet<>();
            boolean allRight = true, seqPerfect = true;
            StringBuilder b = new StringBuilder("seed=" + seed + " read (rank of the input read, * = wrong output):");
            for (int k = 0; k < m; k++) {
                int t = n + 1 + k;
                int rr = argmax(tr, R, t); // this network reads the rank it outputs at the same step
                Integer j = rowToInput.get(rr);
                boolean outOk = true;
                for (int c = 0; c < bits; c++) {
                    boolean pr = out.getDouble(0, c, t) > 0.5, q = ex.target()[t][c] > 0.5;
                    if (pr != q) outOk = false;
                }
                if (!outOk) seqPerfect = false;
                steps++;
                if (outOk) stepsRightOut++;
                gRead += tr.gate.getDouble(0, R, t); gamma += tr.sharpening.getDouble(0, R, t);
                gWrite += tr.gate.getDouble(0, W, t);
                betaRead += tr.keyStrength.getDouble(0, R, t);
                wRead += tr.weightings.getDouble(0, R, rr, t);
                if (argmax(tr, W, t) == rr) writeOnRead++;
                if (argmax(tr, W, t + 1) == rr) writeOnPrevRead++;
                String tag;
                if (j == null) { none++; tag = "-"; allRight = false; }
                else if (j.equals(order[k])) { right++; tag = "" + k; if (outOk) rightAndOut++; }
                else if (done.contains(j)) { again++; tag = "r" + rank.get(j); allRight = false; }
                else { lower++; tag = "" + rank.get(j); allRight = false; gapWrong += Math.abs(p[j] - p[order[k]]); gapWrongN++; }
                if (k + 1 < n) { gapAll += p[order[k]] - p[order[k + 1]]; gapAllN++; }
                if (j == null || !j.equals(order[k])) { if (outOk) wrongAndOut++; }
                if (j != null) done.add(j);
                b.append(' ').append(tag).append(outOk ? "" : "*");
            }
            seqs++;
            if (seqPerfect) perfect++;
            if (allRight) { seqAllRight++; if (seqPerfect) seqAllRightPerfect++; }
            if (verbose) System.out.println(b);
        }
        System.out.printf("sequences %d, sorted perfectly %d; write head on %.2f distinct rows of 20 inputs (%d collisions)%n",
                seqs, perfect, distinctRows / (double) seqs, collisions[0]);
        System.out.printf("answer steps %d: the read head's row holds the input of the right rank %d (%.1f%%), "
                + "an input already read %d, another input %d, no input's row %d%n", steps, right, 100.0 * right / steps, again, lower, none);
        System.out.printf("  output vector right %d; right when the read is right %d of %d; right when it is not %d of %d%n",
                stepsRightOut, rightAndOut, right, wrongAndOut, steps - right);
        System.out.printf("  when it reads another input (not read before): its priority differs from the right one's by %.4f on average; "
                + "neighbouring ranks differ by %.4f on average%n", gapWrong / Math.max(1, gapWrongN), gapAll / gapAllN);
        System.out.printf("  sequences where every read is right %d, of them sorted perfectly %d%n", seqAllRight, seqAllRightPerfect);
        System.out.printf("  mean read weight on its row %.3f, read gate g %.3f, read beta %.1f, read gamma %.1f, write gate g %.3f%n",
                wRead / steps, gRead / steps, betaRead / steps, gamma / steps, gWrite / steps);
        System.out.printf("  write head on the row read at the same step %d of %d; at the step after %d of %d%n",
                writeOnRead, steps, writeOnPrevRead, steps);
    }
}
