package io.github.ntm4j.examples.training;

import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The training log: one JSON object per line and per event, flushed as it is written, so a run that is
 * killed keeps its log up to its last event. Every line has {@code "event"}; numbers that are not finite
 * (a diverged loss) are written as the strings {@code "NaN"} and {@code "Infinity"}.
 * <pre>
 * {"event":"start","task":"copy","model":"ntm controller=ff ...","params":13260,"seed":1,...}
 * {"event":"validation","minibatches":1000,"sequences":1000,"loss":52.71,"mean_loss":60.2,"bit_errors_per_seq":38.5,"cost_per_seq":61.3,...}
 * {"event":"checkpoint","sequences":1000,"bit_errors_per_seq":38.5,"cost_per_seq":61.3,"file":"copy.zip"}
 * {"event":"lr_drop","sequences":3000,"learning_rate":1.0E-5}
 * {"event":"curriculum","sequences":4000,"level":2,"final_level":5}
 * {"event":"resume","file":"copy.last.zip","task":"copy","model":"...","minibatches":3000,"sequences":3000,...}
 * {"event":"rollback","sequences":3412,"loss":"NaN","back_to_sequences":3000,"learning_rate":5.0E-5,"rollback":1,...}
 * {"event":"stop","reason":"budget","sequences":50000,"seconds":170.2,"bit_errors_per_seq":0.0,"best":0.0,"selected_by":"bit-errors",...}
 * </pre>
 * Written with the JSON library DL4J already brings; {@code TrainingLog} reads it back.
 */
public final class JsonLinesLog implements TrainingListener, Closeable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final BufferedWriter out;

    /** Appends to {@code file} (a resumed run continues its log), creating it and its directory if needed. */
    public JsonLinesLog(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    @Override
    public void started(TrainingEvents.Start s) {
        ObjectNode n = event("start");
        n.put("task", s.task());
        n.put("model", s.model());
        n.put("params", s.parameters());
        n.put("seed", s.seed());
        if (s.separateDataSeed()) {
            n.put("data_seed", s.dataSeed());
        }
        putNumber(n, "budget_minutes", s.minutes());
        putLimit(n, "max_sequences", s.maxSequences());
        putLimit(n, "max_minibatches", s.maxMinibatches());
        n.put("validate_every", s.validateEvery());
        n.put("validation_sequences", s.validationSequences());
        n.put("validation_seed", s.validationSeed());
        write(n);
    }

    @Override
    public void resumed(TrainingEvents.Resumed r) {
        ObjectNode n = event("resume");
        n.put("file", r.from());
        n.put("task", r.start().task());
        n.put("model", r.start().model());
        n.put("minibatches", r.minibatches());
        n.put("sequences", r.sequences());
        putNumber(n, "best", r.best());
        putNumber(n, "learning_rate", r.learningRate());
        if (r.level() >= 0) {
            n.put("level", r.level());
        }
        n.put("rollbacks", r.rollbacks());
        write(n);
    }

    @Override
    public void rolledBack(TrainingEvents.Rollback b) {
        ObjectNode n = event("rollback");
        n.put("sequences", b.atSequences());
        putNumber(n, "loss", b.loss());
        n.put("back_to_sequences", b.toSequences());
        putNumber(n, "learning_rate", b.learningRate());
        n.put("rollback", b.rollback());
        n.put("max_rollbacks", b.maxRollbacks());
        write(n);
    }

    @Override
    public void validated(TrainingEvents.Validation v) {
        ObjectNode n = event("validation");
        n.put("minibatches", v.minibatches());
        n.put("sequences", v.sequences());
        putNumber(n, "loss", v.loss());
        putNumber(n, "mean_loss", v.meanLoss());
        putNumber(n, "bit_errors_per_seq", v.bitErrors());
        putNumber(n, "cost_per_seq", v.cost());
        n.put("improved", v.improved());
        putNumber(n, "learning_rate", v.learningRate());
        putNumber(n, "elapsed_s", v.elapsedSeconds());
        write(n);
    }

    @Override
    public void checkpointed(TrainingEvents.Checkpoint c) {
        ObjectNode n = event("checkpoint");
        n.put("sequences", c.sequences());
        putNumber(n, "bit_errors_per_seq", c.bitErrors());
        putNumber(n, "cost_per_seq", c.cost());
        n.put("file", c.where());
        write(n);
    }

    @Override
    public void learningRateDropped(TrainingEvents.RateDrop d) {
        ObjectNode n = event("lr_drop");
        n.put("sequences", d.sequences());
        putNumber(n, "learning_rate", d.learningRate());
        write(n);
    }

    @Override
    public void curriculumAdvanced(TrainingEvents.CurriculumLevel c) {
        ObjectNode n = event("curriculum");
        n.put("sequences", c.sequences());
        n.put("level", c.level());
        n.put("final_level", c.finalLevel());
        write(n);
    }

    @Override
    public void averaged(TrainingEvents.Average a) {
        ObjectNode n = event("average");
        n.put("from_sequences", a.fromSequences());
        n.put("to_sequences", a.toSequences());
        n.put("snapshots", a.snapshots());
        putNumber(n, "bit_errors_per_seq", a.bitErrors());
        putNumber(n, "cost_per_seq", a.cost());
        if (a.where() != null) {
            n.put("file", a.where());
        }
        write(n);
    }

    @Override
    public void stopped(TrainingEvents.Result r) {
        ObjectNode n = event("stop");
        n.put("reason", r.reason().label());
        n.put("minibatches", r.minibatches());
        n.put("sequences", r.sequences());
        putNumber(n, "seconds", r.seconds());
        putNumber(n, "loss", r.lastLoss());
        putNumber(n, "bit_errors_per_seq", r.bitErrors());
        putNumber(n, "best", r.best());
        n.put("selected_by", r.selection().toString());
        putNumber(n, "best_bit_errors_per_seq", r.bestBitErrors());
        putNumber(n, "best_cost_per_seq", r.bestCost());
        n.put("restored_best", r.restoredBest());
        if (r.problem() != null) {
            n.put("problem", r.problem());
        }
        write(n);
    }

    private static ObjectNode event(String name) {
        ObjectNode n = JSON.createObjectNode();
        n.put("event", name);
        return n;
    }

    private static void putNumber(ObjectNode n, String key, double v) {
        if (Double.isFinite(v)) {
            n.put(key, v);
        } else {
            n.put(key, Double.toString(v));
        }
    }

    /** A budget that is not set ({@code Long.MAX_VALUE}) is left out. */
    private static void putLimit(ObjectNode n, String key, long v) {
        if (v != Long.MAX_VALUE) {
            n.put(key, v);
        }
    }

    private void write(ObjectNode n) {
        try {
            out.write(JSON.writeValueAsString(n));
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the training log: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
