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

/** One {@code ntm-golden-1} file ({@code shared/golden/README.md}), read into double-precision arrays. */
final class GoldenCase {
    final String name;
    final int b, t, x, n, w, h, r, v, s;
    final NtmActivation ctrl, key, add;
    final INDArray wc, bc, wh, bh;          // heads' Wθ, bθ side by side
    final INDArray m0, w0, r0;              // [B,N,W], [B,R+V,N], [B,R,W]
    final INDArray input, y, mT, wT, rT;

    GoldenCase(Path file) throws IOException {
        name = file.getFileName().toString();
        JsonNode root = new ObjectMapper().readTree(Files.readAllBytes(file));
        if (!"ntm-golden-1".equals(root.path("format").asText())) {
            throw new IOException(file + ": not an ntm-golden-1 file");
        }
        JsonNode sz = root.get("sizes");
        b = sz.get("B").asInt(); t = sz.get("T").asInt(); x = sz.get("X").asInt(); n = sz.get("N").asInt();
        w = sz.get("W").asInt(); h = sz.get("H").asInt(); r = sz.get("R").asInt(); v = sz.get("V").asInt();
        s = sz.get("S").asInt();
        JsonNode act = root.get("activations");
        ctrl = NtmActivation.valueOf(act.get("ctrl").asText().toUpperCase());
        key = NtmActivation.valueOf(act.get("key").asText().toUpperCase());
        add = NtmActivation.valueOf(act.get("add").asText().toUpperCase());
        wc = array(root.get("Wc"));
        bc = array(root.get("bc")).reshape(1, h);
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
        input = array(root.get("x"));
        y = array(root.get("y"));
        mT = array(root.get("M_T"));
        wT = array(root.get("w_T")).permute(1, 0, 2).dup('c');
        rT = array(root.get("r_T")).permute(1, 0, 2).dup('c');
    }

    NtmLayer layer(boolean fusedCpuPath) {
        return new NtmLayer.Builder().fusedCpuPath(fusedCpuPath).nIn(x).memory(n, w).controllerSize(h).readHeads(r).writeHeads(v).shiftRange(s)
                .controllerActivation(ctrl).keyActivation(key).addActivation(add).build();
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
