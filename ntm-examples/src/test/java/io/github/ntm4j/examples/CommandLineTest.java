package io.github.ntm4j.examples;

import io.github.ntm4j.examples.training.Networks;
import io.github.ntm4j.examples.cli.ModelFiles;
import io.github.ntm4j.layer.ControllerType;
import io.github.ntm4j.tasks.CopyTask;
import io.github.ntm4j.examples.cli.TaskName;
import io.github.ntm4j.examples.cli.TrainCommand;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import io.github.ntm4j.layer.NtmActivation;
import io.github.ntm4j.layer.NtmLayer;
import io.github.ntm4j.layer.updater.GravesRmsProp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.File;
import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line's contract: usage errors exit 2, model file problems get one clear line. */
class CommandLineTest {

    private static String[] run(String... args) {
        return CliRun.of(args).asArray();
    }

    @Test
    void badArgumentsAreOneLineNamingTheOptionAndExit2() {
        String[] r = run("train", "--task", "sorting");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("--task") && r[2].contains("'sorting'"), r[2]);
        assertTrue(r[2].contains("ntm4j train --help shows the usage"), r[2]);
        assertEquals(1, r[2].strip().lines().count(), r[2]);
        assertEquals("2", run("frobnicate")[0]);
        assertEquals("2", run("train", "--minutes", "-1")[0]);
        assertEquals("2", run("bench", "--batches", "1,x")[0]);
        assertEquals("2", run("eval")[0]);
        assertEquals("2", run("train", "--baseline", "gru")[0]);
        assertEquals("2", run()[0]);
        String[] odd = run("train", "--task", "dyck", "--max-length", "41");
        assertEquals("2", odd[0]);
        assertTrue(odd[2].contains("must be even"), odd[2]);
        String[] notCopy = run("train", "--task", "ngrams", "--max-length", "40");
        assertEquals("2", notCopy[0]);
        assertTrue(notCopy[2].contains("--max-length applies to copy, reversed-copy and dyck only"), notCopy[2]);
        String[] noCurriculum = run("train", "--task", "copy", "--curriculum", "1");
        assertEquals("2", noCurriculum[0]);
        assertTrue(noCurriculum[2].contains("--curriculum applies to repeat-copy (its number of repeats grows from 1) and "
                + "priority-sort"), noCurriculum[2]);
        String[] both = run("train", "--task", "repeat-copy", "--init-from", "a.zip", "--resume", "b.zip");
        assertEquals("2", both[0]);
        assertTrue(both[2].contains("does not go with --resume"), both[2]);
    }

    /**
     * {@code bench} on a tiny configuration, the fused path only (the SameDiff path's extra fits take a minute
     * even here): one key=value line per measurement, the updater named.
     */
    @Test
    void benchPrintsOneLinePerMeasurementForTheChosenUpdater() {
        String[] r = run("bench", "--batches", "1,2", "--length", "2", "--inference-length", "3", "--seconds", "0.05",
                "--paths", "fused", "--updater", "graves");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("updater=graves"), r[1]);
        assertTrue(r[1].contains("path=fused batch=1 "), r[1]);
        assertTrue(r[1].contains("path=fused batch=2 "), r[1]);
        assertTrue(r[1].contains("path=fused inference_length=3 steps=7 "), r[1]);
        assertTrue(!r[1].contains("path=samediff"), r[1]);
        // The breakdown names every part of the fused path, and the kernels take time.
        String breakdown = r[1].lines().filter(l -> l.startsWith("breakdown path=fused batch=2 ")).findFirst()
                .orElseThrow(() -> new AssertionError(r[1]));
        for (String part : new String[]{"parameters_in", "inputs_in", "kernel_forward", "kernel_backward", "results_out",
                "ntm_layer", "dl4j_around_layer", "updater", "train_step"}) {
            assertTrue(breakdown.contains(" " + part + "_ms="), breakdown);
        }
        assertTrue(Double.parseDouble(breakdown.replaceAll(".* kernel_forward_ms=(\\S+).*", "$1")) > 0, breakdown);
        assertTrue(Double.parseDouble(breakdown.replaceAll(".* kernel_backward_ms=(\\S+).*", "$1")) > 0, breakdown);
        // The peak memory: resident (on Linux, where the suite runs) and the heap's pools, in MB.
        String memory = r[1].lines().filter(l -> l.startsWith("memory ")).findFirst()
                .orElseThrow(() -> new AssertionError(r[1]));
        assertTrue(Double.parseDouble(memory.replaceAll(".*peak_resident_mb=(\\S+).*", "$1")) > 0, memory);
        assertTrue(Double.parseDouble(memory.replaceAll(".*heap_pools_peak_mb=(\\S+).*", "$1")) > 0, memory);
        String[] bad = run("bench", "--updater", "sgd");
        assertEquals("2", bad[0]);
        assertTrue(bad[2].contains("Invalid value for option '--updater': expected one of rmsprop, graves, adam "
                + "but was 'sgd'"), bad[2]);
    }

    /** A curriculum whose threshold every model meets moves on at each validation, and validates on its new level. */
    @Test
    void theRepeatCopyCurriculumAdvancesOnTheValidationBitErrors() {
        String[] r = run("train", "--task", "repeat-copy", "--starts", "off", "--curriculum", "1000",
                "--max-sequences", "16", "--batch", "16", "--seed", "3");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("curriculum level=2 of 5 after 16 sequences"), r[1]);
    }

    @Test
    void trainingResumesFromACheckpointWithItsUpdaterState(@TempDir File dir) throws Exception {
        File first = new File(dir, "first.zip");
        String[] a = run("train", "--task", "copy", "--updater", "adam", "--lr", "1e-3", "--max-sequences", "32",
                "--batch", "16", "--seed", "5", "--out", first.getPath());
        assertEquals("0", a[0], a[2]);
        MultiLayerNetwork saved = ModelFiles.load(first, "copy", true, true);
        assertTrue(saved.getUpdater().getStateViewArray().sumNumber().doubleValue() != 0, "Adam's state was saved");

        File second = new File(dir, "second.zip");
        String[] b = run("train", "--task", "copy", "--resume", first.getPath(), "--lr", "5e-4", "--max-sequences", "32",
                "--batch", "16", "--seed", "6", "--out", second.getPath());
        assertEquals("0", b[0], b[2]);
        MultiLayerNetwork resumed = ModelFiles.load(second, "copy", true, true);
        assertEquals("Adam", resumed.getLayer(0).conf().getLayer().getUpdaterByParam("Wc").getClass().getSimpleName());
        assertEquals(5e-4, resumed.getLayer(0).conf().getLayer().getUpdaterByParam("Wc").getLearningRate(0, 0), 1e-12,
                "--lr replaces the resumed model's rate");
        assertTrue(!resumed.params().equalsWithEps(saved.params(), 1e-9), "training went on from the checkpoint");

        String[] wrongTask = run("train", "--task", "dyck", "--resume", first.getPath(), "--max-sequences", "16");
        assertEquals("1", wrongTask[0]);
        assertTrue(wrongTask[2].contains("was trained on the copy task, not dyck"), wrongTask[2]);
        assertEquals("2", run("train", "--updater", "sgd")[0]);
    }

    /**
     * {@code export} drops the updater state and a last checkpoint's trainer state and keeps everything inference
     * reads: the same parameters, task and command, and the same eval table. {@code --resume} then refuses the file
     * with the way out; {@code --init-from} takes it.
     */
    @Test
    void exportWritesAModelForInferenceThatResumeRefusesAndInitFromTakes(@TempDir File dir) throws Exception {
        File model = new File(dir, "model.zip");
        File last = new File(dir, "model.last.zip");
        String[] t = run("train", "--task", "copy", "--max-sequences", "8", "--validate-every", "4", "--seed", "5",
                "--out", model.getPath());
        assertEquals("0", t[0], t[2]);
        assertTrue(last.isFile(), t[1]);

        File small = new File(dir, "small.zip");
        String[] e = run("export", "--model", last.getPath(), "--out", small.getPath());
        assertEquals("0", e[0], e[2]);
        assertTrue(e[1].contains("no updater state"), e[1]);
        assertTrue(small.length() < 0.7 * last.length(), small.length() + " bytes of " + last.length());
        assertEquals(ModelFiles.load(last, "copy").params(), ModelFiles.load(small, "copy").params());
        assertEquals("copy", ModelFiles.recordedTask(small));
        assertEquals(null, ModelFiles.trainerState(small), "a last checkpoint's trainer state is not exported");
        String[] evalLast = run("eval", "--model", last.getPath(), "--task", "copy", "--lengths", "3", "--examples", "4");
        String[] evalSmall = run("eval", "--model", small.getPath(), "--task", "copy", "--lengths", "3", "--examples", "4");
        assertEquals("0", evalSmall[0], evalSmall[2]);
        assertEquals(table(evalLast[1]), table(evalSmall[1]));

        String[] resume = run("train", "--task", "copy", "--resume", small.getPath(), "--max-sequences", "4");
        assertEquals("1", resume[0], resume[1]);
        assertTrue(resume[2].contains("holds no updater state (it was exported for inference)")
                && resume[2].contains("--init-from " + small.getPath()), resume[2]);
        String[] init = run("train", "--task", "copy", "--init-from", small.getPath(), "--max-sequences", "2");
        assertEquals("0", init[0], init[2]);

        String[] again = run("export", "--model", last.getPath(), "--out", small.getPath());
        assertEquals("1", again[0]);
        assertTrue(again[2].contains("give --force to overwrite it"), again[2]);
        String[] itself = run("export", "--model", small.getPath(), "--out", small.getPath(), "--force");
        assertEquals("2", itself[0]);
        assertTrue(itself[2].contains("--out names the model itself"), itself[2]);
        String[] missing = run("export", "--model", new File(dir, "none.zip").getPath(), "--out", "x.zip",
                "--out-dir", dir.getPath());
        assertEquals("1", missing[0]);
        assertEquals(1, missing[2].strip().lines().count(), missing[2]);
    }

    /**
     * {@code calibrate} fits a temperature and divides the output layer's weights and bias by it: the bit errors of
     * every test sequence stay, the cost on the calibration sequences does not rise, and the file eval reads records
     * the task.
     */
    @Test
    void calibrateScalesTheOutputLayerAndKeepsEveryDecision(@TempDir File dir) throws Exception {
        File model = new File(dir, "model.zip");
        String[] t = run("train", "--task", "copy", "--max-sequences", "8", "--validate-every", "4", "--seed", "5",
                "--out", model.getPath());
        assertEquals("0", t[0], t[2]);

        File calibrated = new File(dir, "calibrated.zip");
        String[] c = run("calibrate", "--model", model.getPath(), "--examples", "40", "--out", calibrated.getPath());
        assertEquals("0", c[0], c[2]);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "temperature=(\\S+) .*cost_per_seq (\\S+) -> (\\S+) bits; bit_errors_per_seq (\\S+) -> (\\S+) ",
                java.util.regex.Pattern.DOTALL).matcher(c[1]);
        assertTrue(m.find(), c[1]);
        double temperature = Double.parseDouble(m.group(1));
        assertTrue(Double.parseDouble(m.group(3)) <= Double.parseDouble(m.group(2)), c[1]);
        assertEquals(m.group(4), m.group(5), c[1]);
        MultiLayerNetwork before = ModelFiles.load(model, "copy");
        MultiLayerNetwork after = ModelFiles.load(calibrated, "copy");
        assertEquals("copy", ModelFiles.recordedTask(calibrated));
        for (String p : new String[]{"W", "b"}) {
            assertEquals(0, before.getOutputLayer().getParam(p).div(temperature)
                    .sub(after.getOutputLayer().getParam(p)).amaxNumber().doubleValue(), 1e-4, p);
        }
        assertEquals(before.getLayer(0).params(), after.getLayer(0).params(), "only the output layer changes");

        String[] evalBefore = run("eval", "--model", model.getPath(), "--task", "copy", "--lengths", "3,6",
                "--examples", "16");
        String[] evalAfter = run("eval", "--model", calibrated.getPath(), "--task", "copy", "--lengths", "3,6",
                "--examples", "16");
        assertEquals("0", evalAfter[0], evalAfter[2]);
        assertEquals(2, bitErrors(evalAfter[1]).size(), evalAfter[1]);
        assertEquals(bitErrors(evalBefore[1]), bitErrors(evalAfter[1]));

        String[] itself = run("calibrate", "--model", model.getPath(), "--out", model.getPath(), "--force");
        assertEquals("2", itself[0]);
        assertTrue(itself[2].contains("--out names the model itself"), itself[2]);
        String[] wrongTask = run("calibrate", "--model", model.getPath(), "--task", "dyck", "--out",
                new File(dir, "x.zip").getPath());
        assertEquals("1", wrongTask[0]);
        assertTrue(wrongTask[2].contains("was trained on the copy task, not dyck"), wrongTask[2]);
    }

    /** The first three columns of an eval table's rows (value, examples, mean bit errors). */
    private static List<String> bitErrors(String out) {
        return out.lines().filter(l -> l.matches("\\s*\\d+\\s+\\d+\\s+\\S+.*"))
                .map(l -> String.join(" ", java.util.Arrays.asList(l.trim().split("\\s+")).subList(0, 3))).toList();
    }

    /** The lines of an eval table, without the timing that differs between two runs. */
    private static List<String> table(String out) {
        return out.lines().filter(l -> l.startsWith("|")).toList();
    }

    /** NTM-Lasagne's copy settings: Graves' RMSprop with momentum, ReLU keys and add vectors, kept in the saved model. */
    @Test
    void gravesRmsPropAndHeadActivationsReachTheSavedModel(@TempDir File dir) throws Exception {
        File model = new File(dir, "lasagne.zip");
        String[] r = run("train", "--task", "copy", "--updater", "graves", "--lr", "1e-3", "--key-activation", "relu",
                "--add-activation", "relu", "--max-sequences", "4", "--batch", "1", "--seed", "5", "--out", model.getPath());
        assertEquals("0", r[0], r[2]);
        MultiLayerNetwork saved = ModelFiles.load(model, "copy", true, true);
        NtmLayer ntm = (NtmLayer) saved.getLayer(0).conf().getLayer();
        assertEquals(NtmActivation.RELU, ntm.getKeyActivation());
        assertEquals(NtmActivation.RELU, ntm.getAddActivation());
        assertEquals(new GravesRmsProp(1e-3), ntm.getUpdaterByParam("Wc"));

        String[] drop = run("train", "--task", "copy", "--updater", "graves", "--lr", "1e-4", "--lr-drop", "0.1",
                "--target-bit-errors", "1000", "--max-sequences", "2", "--batch", "1", "--seed", "5");
        assertEquals("0", drop[0], drop[2]);
        assertTrue(drop[1].contains("lr_drop learning_rate=1.00e-05 after 2 sequences"), drop[1]);
        assertTrue(drop[1].contains("done stop=budget"), drop[1]);
        assertEquals("2", run("train", "--lr-drop", "2")[0]);
        String[] every = run("train", "--task", "copy", "--validate-every", "4", "--max-sequences", "8", "--batch", "2",
                "--seed", "5");
        assertEquals("0", every[0], every[2]);
        assertEquals(2, every[1].lines().filter(l -> l.startsWith("sequences=")).count(), every[1]);
        assertTrue(every[1].contains("sequences=4 ") && every[1].contains("sequences=8 "), every[1]);
        assertEquals("2", run("train", "--validate-every", "0")[0]);
        assertEquals("2", run("train", "--lr-drop", "0.1", "--target-bit-errors", "off")[0]);

        String[] matched = run("train", "--task", "copy", "--baseline", "lstm", "--lstm-units", "24", "--max-sequences", "1",
                "--batch", "1");
        assertEquals("0", matched[0], matched[2]);
        assertTrue(matched[1].contains("model=lstm-baseline 3x24 params=12872"), matched[1]);
        assertEquals("2", run("train", "--lstm-units", "24")[0]);

        String[] bad = run("train", "--key-activation", "softsign");
        assertEquals("2", bad[0]);
        assertTrue(bad[2].contains("'--key-activation': expected one of relu, tanh, sigmoid, hard-sigmoid, identity"),
                bad[2]);
        String[] baseline = run("train", "--baseline", "lstm", "--add-activation", "relu");
        assertEquals("2", baseline[0]);
        assertTrue(baseline[2].contains("do not go with --baseline"), baseline[2]);
    }

    /** Every task the usage lists trains, checkpoints and evaluates end to end (a few minibatches each). */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"copy", "reversed-copy", "repeat-copy", "associative-recall", "dyck", "priority-sort", "ngrams"})
    void everyTaskTrainsAndEvaluates(String task, @TempDir File dir) {
        File model = new File(dir, task + ".zip");
        // The n-gram and priority-sort recipes have a second stage, on fresh data (seed 1003) and its own validation
        // set: a short one here. One start (priority sort's recipe has three, repeat copy's up to thirty;
        // TrainStartsTest and SharpStartsTest test them), so that the seeds are 3 and 1003.
        boolean twoStages = TaskName.of(task).recipe().secondStage() != null;
        assertEquals(task.equals("ngrams") || task.equals("priority-sort"), twoStages, task);
        String[] train = twoStages
                ? run("train", "--task", task, "--max-sequences", "32", "--batch", "16", "--seed", "3",
                        "--second-stage", "16@1e-5", "--starts", "off", "--out", model.getPath())
                : TaskName.of(task).recipe().starts() != null
                ? run("train", "--task", task, "--max-sequences", "32", "--batch", "16", "--seed", "3",
                        "--starts", "off", "--out", model.getPath())
                : run("train", "--task", task, "--max-sequences", "32", "--batch", "16", "--seed", "3",
                        "--out", model.getPath());
        String validationSeed = twoStages ? "1003" : "3";
        assertEquals("0", train[0], train[2]);
        assertTrue(train[1].contains("checkpoint="), train[1]);
        String[] eval = run("eval", "--model", model.getPath(), "--task", task, "--examples", "2");
        assertEquals("0", eval[0], eval[2]);
        assertTrue(eval[1].lines().count() >= 4, eval[1]);
        assertEquals(task.equals("ngrams"), eval[1].contains("the Bayes-optimal predictor on the same sequences:"), eval[1]);
        String[] validation = run("eval", "--model", model.getPath(), "--task", task, "--validation-of", validationSeed);
        assertEquals("0", validation[0], validation[2]);
        assertTrue(validation[1].contains("validation set of seed " + validationSeed + " (64 sequences from seed "
                + (Long.parseLong(validationSeed) + 1) + ")"), validation[1]);
        assertEquals(task.equals("ngrams"), validation[1].contains("the Bayes-optimal predictor: cost_per_seq="),
                validation[1]);
        // The set train --seed 3 validated on, scored as train scores it: the saved model's last validation again.
        String score = task.equals("ngrams") ? "cost_per_seq" : "bit_errors_per_seq";
        assertEquals(number(train[1], "checkpoint=.* " + score + "="),
                number(validation[1], "from seed \\d+\\): .*" + score + "="), 0.0006, train[1] + validation[1]);
        String[] repeats = run("eval", "--model", model.getPath(), "--task", task, "--examples", "2", "--lengths", "3,4",
                "--repeats", "1,7", "--csv", new File(dir, "table.csv").getPath());
        if (task.equals("repeat-copy")) {
            assertEquals("0", repeats[0], repeats[2]);
            assertTrue(repeats[1].contains("repeats=1") && repeats[1].contains("repeats=7"), repeats[1]);
            assertTrue(new File(dir, "table-repeats1.csv").isFile() && new File(dir, "table-repeats7.csv").isFile());
        } else {
            assertEquals("2", repeats[0]);
            assertTrue(repeats[2].contains("--repeats applies to repeat-copy only"), repeats[2]);
        }
    }

    @Test
    void trainSizesTheNtmFromItsOptions(@TempDir File dir) throws Exception {
        File model = new File(dir, "sort.zip");
        String[] sized = run("train", "--task", "priority-sort", "--max-sequences", "4", "--second-stage", "off",
                "--batch", "2", "--controller-size", "20", "--memory-rows", "32", "--memory-width", "6", "--read-heads",
                "2", "--write-heads", "3", "--initial-state", "learned", "--out", model.getPath());
        assertEquals("0", sized[0], sized[2]);
        assertTrue(sized[1].contains("controller_size=20 memory=32x6 heads=2+3 initial_state=learned"), sized[1]);
        NtmLayer ntm = (NtmLayer) ModelFiles.load(model, "priority-sort").getLayer(0).conf().getLayer();
        assertEquals(List.of(20, 32, 6, 2, 3, true), List.of(ntm.getControllerSize(), ntm.getMemoryRows(),
                ntm.getMemoryWidth(), ntm.getReadHeads(), ntm.getWriteHeads(), ntm.isLearnInitialState()));

        String[] badState = run("train", "--initial-state", "random");
        assertEquals("2", badState[0]);
        assertTrue(badState[2].contains("'--initial-state': expected one of fixed, learned but was 'random'"),
                badState[2]);
        String[] tooSmall = run("train", "--memory-rows", "2");
        assertEquals("2", tooSmall[0]);
        assertTrue(tooSmall[2].contains("shiftRange 1 needs 2*shiftRange+1 = 3 distinct shifts"), tooSmall[2]);
        String[] withBaseline = run("train", "--read-heads", "2", "--baseline", "lstm");
        assertEquals("2", withBaseline[0]);
        assertTrue(withBaseline[2].contains("--read-heads sizes a new NTM; it does not go with --baseline"),
                withBaseline[2]);
    }

    @Test
    void evalRunsAModelWithMoreMemoryRows(@TempDir File dir) throws Exception {
        CopyTask task = new CopyTask(CopyTask.Params.lasagne());
        File copy = new File(dir, "copy.zip");
        ModelFiles.save(Networks.ntm(task, ControllerType.FEED_FORWARD, 1, 1e-3), "copy", copy);
        String[] ok = run("eval", "--model", copy.getPath(), "--task", "copy", "--lengths", "3", "--examples", "2",
                "--memory-rows", "256");
        assertEquals("0", ok[0], ok[2]);
        assertTrue(ok[1].contains("memory rows: 256 (the model was trained with 128)"), ok[1]);

        String[] tooFew = run("eval", "--model", copy.getPath(), "--task", "copy", "--memory-rows", "2");
        assertEquals("2", tooFew[0]);
        assertTrue(tooFew[2].contains("--memory-rows 2: layer 0 cannot have 2 memory rows"), tooFew[2]);

        File lstm = new File(dir, "lstm.zip");
        ModelFiles.save(Networks.lstmBaseline(task, 1, 1e-3), "copy", lstm);
        String[] notNtm = run("eval", "--model", lstm.getPath(), "--task", "copy", "--memory-rows", "256");
        assertEquals("2", notNtm[0]);
        assertTrue(notNtm[2].contains("--memory-rows applies to NTM models"), notNtm[2]);
    }

    @Test
    void modelFileProblemsGetOneClearLine(@TempDir File dir) throws Exception {
        String[] missing = run("eval", "--model", new File(dir, "nope.zip").getPath(), "--task", "copy");
        assertEquals("1", missing[0]);
        assertTrue(missing[2].contains("does not exist"), missing[2]);
        assertEquals(1, missing[2].strip().lines().count(), "one line: " + missing[2]);

        File corrupt = new File(dir, "corrupt.zip");
        Files.writeString(corrupt.toPath(), "not a zip at all");
        String[] bad = run("eval", "--model", corrupt.getPath(), "--task", "copy");
        assertEquals("1", bad[0]);
        assertTrue(bad[2].contains("not a model file"), bad[2]);
        assertEquals(1, bad[2].strip().lines().count(), "one line: " + bad[2]);

        MultiLayerNetwork net = Networks.ntm(new CopyTask(CopyTask.Params.lasagne()),
                ControllerType.FEED_FORWARD, 1, 1e-3);
        File recall = new File(dir, "recall.zip");
        ModelFiles.save(net, "associative-recall", recall);
        String[] wrongTask = run("eval", "--model", recall.getPath(), "--task", "copy");
        assertEquals("1", wrongTask[0]);
        assertTrue(wrongTask[2].contains("was trained on the associative-recall task, not copy"), wrongTask[2]);

        File copy = new File(dir, "copy.zip");
        ModelFiles.save(net, "copy", copy);
        String[] ok = run("eval", "--model", copy.getPath(), "--task", "copy", "--lengths", "2,4", "--examples", "4",
                "--csv", new File(dir, "t.csv").getPath());
        assertEquals("0", ok[0], ok[2]);
        assertTrue(Files.readString(new File(dir, "t.csv").toPath()).startsWith("length,"));
        assertThrows(ModelFiles.ModelFileException.class, () -> ModelFiles.load(recall, "copy"));
    }

    /** The number after the last match of {@code prefix} (a regular expression) in {@code text}. */
    private static double number(String text, String prefix) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(prefix + "([0-9.]+)").matcher(text);
        double last = Double.NaN;
        while (m.find()) {
            last = Double.parseDouble(m.group(1));
        }
        return last;
    }
}
