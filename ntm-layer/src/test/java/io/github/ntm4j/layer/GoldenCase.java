package io.github.ntm4j.layer;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One golden file, {@code ntm-golden-1} or {@code ntm-golden-2} ({@code src/test/resources/golden/README.md}),
 * read into double-precision arrays in the layer's layouts. An {@code ntm-golden-1} file is a feed-forward
 * controller without a mask; the LSTM fields are null for a feed-forward controller, {@link #mask} is null
 * when the file has none.
 */
final class GoldenCase {
    final String name;
    final int b, t, x, n, w, h, r, v, s;
    final ControllerType controller;
    final NtmActivation ctrl, key, add;     // ctrl: null for an LSTM controller (not used by it)
    final INDArray wc, rc, bc, wh, bh;      // rc [H,4H]: LSTM only; heads' Wθ, bθ side by side
    final INDArray m0, w0, r0;              // [B,N,W], [B,R+V,N], [B,R,W]
    final INDArray h0, c0;                  // [B,H], LSTM only
    final INDArray input, mask, y;          // mask [B,T] or null
    final INDArray mT, wT, rT, hT, cT;      // hT, cT: LSTM only

    GoldenCase(Path file) throws IOException {
        name = file.getFileName().toString();
        JsonNode root = new ObjectMapper().readTree(Files.readAllBytes(file));
        String format = root.path("format").asText();
        if (!"ntm-golden-1".equals(format) && !"ntm-golden-2".equals(format)) {
            throw new IOException(file + ": not an ntm-golden-1 or ntm-golden-2 file");
        }
        String type = root.path("controller").asText("feed_forward");
        switch (type) {
            case "feed_forward": controller = ControllerType.FEED_FORWARD; break;
            case "lstm": controller = ControllerType.LSTM; break;
            default: throw new IOException(file + ": unknown controller \"" + type + "\"");
        }
        boolean lstm = controller == ControllerType.LSTM;
        if (lstm && !"[\"i\",\"f\",\"o\",\"g\"]".equals(root.path("lstm_gate_order").toString())) {
            throw new IOException(file + ": the layer's LSTM gate order is i, f, o, g; the file has "
                    + root.path("lstm_gate_order"));
        }
        JsonNode sz = root.get("sizes");
        b = sz.get("B").asInt(); t = sz.get("T").asInt(); x = sz.get("X").asInt(); n = sz.get("N").asInt();
        w = sz.get("W").asInt(); h = sz.get("H").asInt(); r = sz.get("R").asInt(); v = sz.get("V").asInt();
        s = sz.get("S").asInt();
        JsonNode act = root.get("activations");
        ctrl = act.has("ctrl") ? NtmActivation.valueOf(act.get("ctrl").asText().toUpperCase()) : null;
        key = NtmActivation.valueOf(act.get("key").asText().toUpperCase());
        add = NtmActivation.valueOf(act.get("add").asText().toUpperCase());
        wc = array(root.get("Wc"));
        rc = lstm ? array(root.get("Rc")) : null;
        INDArray controllerBias = array(root.get("bc"));
        bc = controllerBias.reshape(1, controllerBias.length());
        List<INDArray> hw = new ArrayList<>();
        List<INDArray> hb = new ArrayList<>();
        for (JsonNode head : root.get("heads")) {
            hw.add(array(head.get("W")));
            INDArray bias = array(head.get("b"));
            hb.add(bias.reshape(1, bias.length()));
        }
        wh = Nd4j.hstack(hw);
        bh = Nd4j.hstack(hb);
        m0 = array(root.get("M0"));
        w0 = array(root.get("w0")).permute(1, 0, 2).dup('c');
        r0 = array(root.get("r0")).permute(1, 0, 2).dup('c');
        h0 = lstm ? array(root.get("h0")) : null;
        c0 = lstm ? array(root.get("c0")) : null;
        input = array(root.get("x"));
        mask = root.has("mask") ? array(root.get("mask")) : null;
        y = array(root.get("y"));
        mT = array(root.get("M_T"));
        wT = array(root.get("w_T")).permute(1, 0, 2).dup('c');
        rT = array(root.get("r_T")).permute(1, 0, 2).dup('c');
        hT = lstm ? array(root.get("h_T")) : null;
        cT = lstm ? array(root.get("c_T")) : null;
    }

    /** The file's initial state in the layer's layout. */
    NtmState initialState() {
        return new NtmState(m0, w0, r0, h0, c0);
    }

    /** Copies the file's parameters into a layer's parameter views (by {@link NtmParams} key). */
    void assignParams(Map<String, INDArray> p) {
        p.get(NtmParams.CONTROLLER_WEIGHTS).assign(wc);
        if (rc != null) {
            p.get(NtmParams.CONTROLLER_RECURRENT_WEIGHTS).assign(rc);
        }
        p.get(NtmParams.CONTROLLER_BIAS).assign(bc);
        p.get(NtmParams.HEAD_WEIGHTS).assign(wh);
        p.get(NtmParams.HEAD_BIAS).assign(bh);
    }

    NtmLayer layer(boolean fusedCpuPath) {
        NtmLayer.Builder builder = new NtmLayer.Builder().fusedCpuPath(fusedCpuPath).nIn(x).memory(n, w).controllerSize(h)
                .controller(controller).readHeads(r).writeHeads(v).shiftRange(s).keyActivation(key).addActivation(add);
        if (ctrl != null) {
            builder.controllerActivation(ctrl);
        }
        return builder.build();
    }

    /** A nested JSON list as a double array of the same shape. */
    static INDArray array(JsonNode node) {
        List<Long> shape = new ArrayList<>();
        for (JsonNode cur = node; cur.isArray(); cur = cur.get(0)) {
            shape.add((long) cur.size());
        }
        List<Double> flat = new ArrayList<>();
        flatten(node, flat);
        double[] data = new double[flat.size()];
        for (int i = 0; i < data.length; i++) data[i] = flat.get(i);
        long[] sh = shape.stream().mapToLong(Long::longValue).toArray();
        return Nd4j.create(data, sh, DataType.DOUBLE);
    }

    private static void flatten(JsonNode node, List<Double> out) {
        if (node.isArray()) {
            for (JsonNode c : node) flatten(c, out);
        } else {
            out.add(node.asDouble());
        }
    }
}
