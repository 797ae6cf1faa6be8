package io.github.ntm4j.layer.internal.step.samediff;

import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.autodiff.samediff.internal.Variable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.BaseOp;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.ops.ReduceOp;
import org.nd4j.linalg.api.ops.ScalarOp;
import org.nd4j.linalg.api.shape.LongShapeDescriptor;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs the ops of a SameDiff graph without control flow that a set of results needs, one after the other, the
 * way SameDiff's own session parameterises and executes each op ({@code InferenceSession.getAndParameterizeOp}
 * and {@code doExec}: the op's arguments into an {@link OpContext}, output arrays of the calculated shapes, then
 * {@code Nd4j.exec}), but without the session's per-call and per-op bookkeeping: the op order is found once, each
 * op keeps its context, and the output arrays are kept and reused while the placeholders' shapes stay the same.
 *
 * <p>Measured on the NTM step (M2.1, CPU): SameDiff's session spends about 95% of its time in that bookkeeping
 * (hash-map and trie look-ups by variable name, a regular expression compiled per look-up, dependency
 * tracking), tens of microseconds per op, against a few for the native call itself.
 *
 * <p>The arrays returned by {@link #run} are overwritten by the next run: copy what is kept. A run into a bank
 * ({@link #run(Map, int)}) writes every op's outputs into arrays of that bank's own, so that what a run computed stays
 * readable ({@link #value}) until the next run into the same bank: the forward pass of backprop runs step t into
 * bank t, and the gradient function, built with those values as given ({@link #GraphRunner(SameDiff, List, Set)}),
 * takes them instead of computing them again.
 */
final class GraphRunner {
    /** Ops whose result depends only on the shapes of their inputs. */
    private static final Set<String> SHAPE_OPS = Set.of("shape_of");
    private final SameDiff sd;
    /** The ops in an order where every op comes after the ops its inputs come from. */
    private final List<SameDiffOp> ops = new ArrayList<>();
    private final List<String[]> inputs = new ArrayList<>();
    private final List<String[]> outputs = new ArrayList<>();
    /**
     * Per bank, per op, its context; null until the op first runs into that bank. A context keeps the op's arguments
     * and arrays, so a run sets only the input arrays that differ from the last run's (setting an array, and each
     * argument list, is a native call; the argument lists also allocate native memory).
     */
    private final List<List<OpContext>> bankContexts = new ArrayList<>();
    /**
     * Per bank, per op, its output arrays for {@link #shapes}; null until the first run into that bank with those
     * shapes. {@link #run(Map)} uses bank 0.
     */
    private final List<List<INDArray[]>> banks = new ArrayList<>();
    /** Per output variable of an op: {@code {op index, output index}}. */
    private final Map<String, int[]> producers = new HashMap<>();
    /** Variables computed elsewhere and given to every run like placeholders; the ops that make them are not run. */
    private final Set<String> given;
    /** The given variables that the ops of a run read. */
    private final Set<String> givenRead = new LinkedHashSet<>();
    private final List<String> results;
    private final Map<String, INDArray> values = new HashMap<>();
    /** The placeholders' shapes the output arrays are for. */
    private final Map<String, long[]> shapes = new HashMap<>();

    /**
     * @param results the variables {@link #run} returns; every placeholder they need must be given to it
     */
    GraphRunner(SameDiff sd, List<String> results) {
        this(sd, results, Set.of());
    }

    /**
     * @param results the variables {@link #run} returns
     * @param given   variables that every run is given with the placeholders, computed elsewhere (by the same ops
     *                in another runner): the ops that compute them, and the ops only those need, are not run
     */
    GraphRunner(SameDiff sd, List<String> results, Set<String> given) {
        this.sd = sd;
        this.results = new ArrayList<>(results);
        this.given = Set.copyOf(given);
        Set<String> visited = new HashSet<>();
        for (String r : results) {
            visit(r, visited);
        }
        for (SameDiffOp op : ops) {
            DifferentialFunction df = op.getOp();
            if (!(df instanceof CustomOp) && !(df instanceof Op)) {
                throw new IllegalStateException("GraphRunner cannot run op " + df.opName() + " (" + df.getClass() + ")");
            }
            if ((df instanceof ReduceOp || df instanceof ScalarOp) && df.argNames().length == 2) {
                // SameDiff's session reads the axis or scalar of such an op from its second input; not needed here.
                throw new IllegalStateException("GraphRunner cannot run op " + df.opName() + " with an array argument");
            }
            inputs.add(df.argNames());
            String[] names = df.outputVariablesNames();
            for (int j = 0; j < names.length; j++) {
                producers.put(names[j], new int[]{outputs.size(), j});
            }
            outputs.add(names);
        }
    }

    /** The number of ops a run executes, once a run with the same shapes has run the ops whose result is a shape. */
    int opCount() {
        return (int) ops.stream().filter(op -> !SHAPE_OPS.contains(op.getOp().opName())).count();
    }

    /** The given variables ({@link #GraphRunner(SameDiff, List, Set)}) that a run needs. */
    Set<String> givenRead() {
        return Collections.unmodifiableSet(givenRead);
    }

    /** The variables the ops of a run compute (every output of every op), in the order they are computed. */
    List<String> computed() {
        List<String> r = new ArrayList<>();
        for (String[] names : outputs) {
            r.addAll(Arrays.asList(names));
        }
        return r;
    }

    /** The elements of the arrays that one bank holds after a run into it. */
    long bankElements(int bank) {
        long n = 0;
        if (bank < banks.size()) {
            for (INDArray[] out : banks.get(bank)) {
                if (out != null) {
                    for (INDArray a : out) {
                        n += a.length();
                    }
                }
            }
        }
        return n;
    }

    /** The value of {@code variable}, computed by this runner's last run into {@code bank}. */
    INDArray value(String variable, int bank) {
        int[] p = producers.get(variable);
        INDArray[] out = p == null || bank >= banks.size() ? null : banks.get(bank).get(p[0]);
        if (out == null) {
            throw new IllegalStateException("no value of " + variable + " in bank " + bank);
        }
        return out[p[1]];
    }

    /** Depth first from a variable to the ops it needs; an op is added after all ops its inputs need. */
    private void visit(String variable, Set<String> visited) {
        Variable v = sd.getVariables().get(variable);
        if (v == null) {
            throw new IllegalArgumentException("no variable " + variable);
        }
        if (given.contains(variable)) {
            givenRead.add(variable);
            return;
        }
        if (v.getVariable().getVariableType() != VariableType.ARRAY) {
            return;                                    // a placeholder, a variable or a constant
        }
        String opName = v.getOutputOfOp();
        if (!visited.add(opName)) {
            return;
        }
        SameDiffOp op = sd.getOps().get(opName);
        for (String in : op.getInputsToOp()) {
            visit(in, visited);
        }
        ops.add(op);
    }

    /**
     * Runs the ops on the placeholders' arrays and returns the results by name; the arrays are reused by the next
     * run.
     */
    Map<String, INDArray> run(Map<String, INDArray> placeholders) {
        return run(placeholders, 0);
    }

    /**
     * Runs the ops on the placeholders' arrays (and the given variables') into {@code bank}'s arrays, and returns the
     * results by name; the arrays are reused by the next run into the same bank. All banks are dropped when the
     * placeholders' shapes change.
     */
    Map<String, INDArray> run(Map<String, INDArray> placeholders, int bank) {
        // The given variables' shapes follow from the placeholders': only the placeholders are compared.
        boolean sameShapes = true;
        int compared = 0;
        for (Map.Entry<String, INDArray> e : placeholders.entrySet()) {
            if (!given.contains(e.getKey())) {
                sameShapes &= Arrays.equals(shapes.get(e.getKey()), e.getValue().shape());
                compared++;
            }
        }
        if (!sameShapes || compared != shapes.size()) {
            shapes.clear();
            for (Map.Entry<String, INDArray> e : placeholders.entrySet()) {
                if (!given.contains(e.getKey())) {
                    shapes.put(e.getKey(), e.getValue().shape());
                }
            }
            banks.clear();
            for (List<OpContext> contexts : bankContexts) {
                for (OpContext oc : contexts) {
                    if (oc != null) {
                        close(oc);
                    }
                }
            }
            bankContexts.clear();
        }
        while (banks.size() <= bank) {
            banks.add(new ArrayList<>(Collections.nCopies(ops.size(), (INDArray[]) null)));
            bankContexts.add(new ArrayList<>(Collections.nCopies(ops.size(), (OpContext) null)));
        }
        List<INDArray[]> outputArrays = banks.get(bank);
        List<OpContext> contexts = bankContexts.get(bank);
        values.clear();
        values.putAll(placeholders);
        for (int i = 0; i < ops.size(); i++) {
            INDArray[] out = outputArrays.get(i);
            // An op whose result is a shape is run once per bank and set of shapes: its result cannot change.
            if (out == null || !SHAPE_OPS.contains(ops.get(i).getOp().opName())) {
                String[] in = inputs.get(i);
                INDArray[] args = new INDArray[in.length];
                for (int j = 0; j < in.length; j++) {
                    args[j] = array(in[j]);
                }
                OpContext oc = contexts.get(i);
                if (oc == null) {
                    oc = context(ops.get(i).getOp());
                    contexts.set(i, oc);
                }
                out = exec(ops.get(i).getOp(), oc, args, outputs.get(i), out);
                outputArrays.set(i, out);
            }
            String[] names = outputs.get(i);
            for (int j = 0; j < names.length; j++) {
                values.put(names[j], out[j]);
            }
        }
        Map<String, INDArray> r = new LinkedHashMap<>();
        for (String name : results) {
            r.put(name, array(name));
        }
        return r;
    }

    private INDArray array(String name) {
        INDArray a = values.get(name);
        if (a == null) {
            SDVariable v = sd.getVariable(name);
            if (v.isPlaceHolder()) {
                throw new IllegalArgumentException("no array for placeholder " + name);
            }
            a = v.getArr();            // a variable or a constant
        }
        return a;
    }

    private static void close(OpContext oc) {
        try {
            oc.close();
        } catch (Exception e) {
            throw new IllegalStateException("GraphRunner: closing an op context failed", e);
        }
    }

    /** A context for {@code df}, with its arguments if it is a custom op (they do not change between runs). */
    private static OpContext context(DifferentialFunction df) {
        OpContext oc = Nd4j.getExecutioner().buildContext();
        if (df instanceof CustomOp) {
            DynamicCustomOp op = (DynamicCustomOp) df;
            oc.setArgs(null, op.iArgs(), op.dArgs(), op.tArgs(), op.bArgs());
        }
        return oc;
    }

    /**
     * Executes one op in its context, as SameDiff's session does, setting only the arrays the context does not hold
     * already; allocates its outputs if {@code out} is null.
     */
    private INDArray[] exec(DifferentialFunction df, OpContext oc, INDArray[] args, String[] outNames, INDArray[] out) {
        for (int j = 0; j < args.length; j++) {
            if (oc.getInputArray(j) != args[j]) {
                oc.setInputArray(j, args[j]);
            }
        }
        if (out == null) {
            out = allocate(df instanceof CustomOp ? ((DynamicCustomOp) df).calculateOutputShape(oc)
                    : ((BaseOp) df).calculateOutputShape(oc), outNames);
        }
        for (int j = 0; j < out.length; j++) {
            if (oc.getOutputArray(j) != out[j]) {
                oc.setOutputArray(j, out[j]);
            }
        }
        if (df instanceof CustomOp) {
            Nd4j.exec((CustomOp) df, oc);
        } else {
            Nd4j.exec((Op) df, oc);
        }
        return out;
    }

    private INDArray[] allocate(List<LongShapeDescriptor> shapes, String[] outNames) {
        if (shapes == null || shapes.size() != outNames.length) {
            throw new IllegalStateException("output shapes " + shapes + " for outputs " + Arrays.toString(outNames));
        }
        INDArray[] out = new INDArray[outNames.length];
        for (int j = 0; j < out.length; j++) {
            // As SameDiff's session: the output variable's data type, not the shape function's guess.
            DataType dt = sd.getVariable(outNames[j]).dataType();
            out[j] = Nd4j.create(dt, shapes.get(j).getShape(), 'c');
        }
        return out;
    }
}
