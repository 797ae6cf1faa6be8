package io.github.ntm4j.examples.sweep;

import io.github.ntm4j.examples.CliRun;
import io.github.ntm4j.examples.cli.ModelFiles;
import io.github.ntm4j.examples.training.Selection;
import io.github.ntm4j.layer.NtmLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A tiny sweep on embedded Spark (copy, lengths 1-3, two seeds, 200 sequences, local[2]): it writes the table,
 * a rerun skips its runs, and a run's parameters are those of the same {@code train} run, bit for bit.
 */
class SweepCommandTest {
    private static final String[] TINY = {"--task", "copy", "--max-length", "3", "--max-sequences", "200",
            "--validate-every", "100", "--lengths", "3,6", "--examples", "8"};

    @TempDir
    Path dir;

    private static String[] args(String... more) {
        return Stream.concat(Stream.of(TINY), Stream.of(more)).toArray(String[]::new);
    }

    @Test
    void aTinySweepWritesItsTableSkipsItsRunsWhenRerunAndTrainsWhatTrainTrains() throws IOException {
        Path out = dir.resolve("sweep");
        CliRun first = CliRun.of(Stream.concat(Stream.of("sweep"), Stream.of(args("--seeds", "1-2", "--out",
                out.toString(), "--master", "local[2]"))).toArray(String[]::new));
        assertEquals(0, first.exitCode(), first.out() + first.err());
        assertTrue(first.out().contains("0 completed already (skipped), 2 to run"), first.out());

        String md = Files.readString(out.resolve("sweep.md"), StandardCharsets.UTF_8);
        assertTrue(md.contains("of 2 converged"), md);
        assertTrue(md.contains("Best run on validation: seed"), md);
        assertTrue(md.contains("Held-out sequences without a wrong bit") && md.contains("| converged | held-out |"), md);
        assertFalse(md.contains("development"), "the protocol's test seeds are held out: " + md);
        List<String> runs = Files.readAllLines(out.resolve("runs.csv"));
        assertEquals(1 + 2 * 2, runs.size(), "a header, then a line per run and test length: " + runs);
        List<String> settings = Files.readAllLines(out.resolve("settings.csv"));
        assertEquals(1 + 2, settings.size(), "a header, then a line per test length: " + settings);
        assertTrue(settings.get(1).contains(",2,0,"), "2 runs, 0 failed: " + settings.get(1));

        Path run = onlyRunDirectory(out, "seed1-data1");
        for (String file : List.of("model.zip", "train.jsonl", "eval.csv", "result.json")) {
            assertTrue(Files.isRegularFile(run.resolve(file)), file);
        }
        try (Stream<Path> files = Files.list(run.getParent())) {
            assertEquals(List.of(), files.filter(p -> p.getFileName().toString().startsWith(".")).toList(),
                    "no partial or temporary directory and no lock left");
        }

        CliRun again = CliRun.of(Stream.concat(Stream.of("sweep"), Stream.of(args("--seeds", "1-2", "--out",
                out.toString(), "--master", "local[2]"))).toArray(String[]::new));
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().contains("2 completed already (skipped), 0 to run"), again.out());
        assertEquals(md, Files.readString(out.resolve("sweep.md"), StandardCharsets.UTF_8), "the same table");

        // train with the same task, recipe and seed: the same parameters as the sweep's run, bit for bit.
        Path trained = dir.resolve("train.zip");
        CliRun train = CliRun.of(Stream.concat(Stream.of("train"), Stream.of(args("--seed", "1", "--out",
                trained.toString()))).filter(a -> !List.of("--lengths", "3,6", "--examples", "8").contains(a))
                .toArray(String[]::new));
        assertEquals(0, train.exitCode(), train.err());
        MultiLayerNetwork fromTrain = ModelFiles.load(trained.toFile(), "copy");
        MultiLayerNetwork fromSweep = ModelFiles.load(run.resolve("model.zip").toFile(), "copy");
        assertEquals(fromTrain.params(), fromSweep.params());
        assertEquals(fromTrain.getUpdater().getStateViewArray(), fromSweep.getUpdater().getStateViewArray());
    }

    /** The LSTM baseline over seeds: the same run as train --baseline lstm, evaluated like the NTM's. */
    @Test
    void anLstmBaselineSweepTrainsWhatTrainTrains() throws IOException {
        String[] lstm = {"--task", "copy", "--max-length", "3", "--max-sequences", "32", "--batch", "4",
                "--validate-every", "16", "--baseline", "lstm", "--lstm-units", "8"};
        Path out = dir.resolve("lstm-sweep");
        CliRun sweep = CliRun.of(Stream.of(new String[]{"sweep"}, lstm, new String[]{"--seeds", "2", "--lengths", "3",
                "--examples", "4", "--out", out.toString(), "--master", "local[1]"}).flatMap(Stream::of)
                .toArray(String[]::new));
        assertEquals(0, sweep.exitCode(), sweep.out() + sweep.err());
        assertTrue(sweep.out().contains("copy --max-length 3 --baseline lstm --lstm-units 8 "), sweep.out());

        Path trained = dir.resolve("lstm.zip");
        CliRun train = CliRun.of(Stream.of(new String[]{"train"}, lstm, new String[]{"--seed", "2", "--out",
                trained.toString()}).flatMap(Stream::of).toArray(String[]::new));
        assertEquals(0, train.exitCode(), train.err());
        MultiLayerNetwork fromTrain = ModelFiles.load(trained.toFile(), "copy", false, false);
        MultiLayerNetwork fromSweep = ModelFiles.load(onlyRunDirectory(out, "seed2-data2").resolve("model.zip").toFile(),
                "copy", false, false);
        assertEquals("LSTM", fromSweep.getLayer(0).getClass().getSimpleName());
        assertEquals(fromTrain.params(), fromSweep.params());

        CliRun units = CliRun.of("sweep", "--seeds", "1", "--out", out.toString(), "--lstm-units", "8");
        assertEquals(2, units.exitCode());
        assertTrue(units.err().contains("--lstm-units sizes the LSTM baseline; it needs --baseline lstm"), units.err());
    }

    /** An NTM of another size over seeds: the same run as train with the same size options, the size in its name. */
    @Test
    void aSweepOfAnotherSizeTrainsWhatTrainTrains() throws IOException {
        String[] sized = {"--task", "copy", "--max-length", "3", "--max-sequences", "24", "--validate-every", "12",
                "--controller-size", "12", "--memory-rows", "16", "--memory-width", "5", "--read-heads", "2",
                "--write-heads", "2"};
        Path out = dir.resolve("sized-sweep");
        CliRun sweep = CliRun.of(Stream.of(new String[]{"sweep"}, sized, new String[]{"--seeds", "3", "--lengths", "3",
                "--examples", "4", "--out", out.toString(), "--master", "local[1]"}).flatMap(Stream::of)
                .toArray(String[]::new));
        assertEquals(0, sweep.exitCode(), sweep.out() + sweep.err());
        assertTrue(sweep.out().contains("copy --max-length 3 --controller-size 12 --memory-rows 16 --memory-width 5 "
                + "--read-heads 2 --write-heads 2 "), sweep.out());

        Path trained = dir.resolve("sized.zip");
        CliRun train = CliRun.of(Stream.of(new String[]{"train"}, sized, new String[]{"--seed", "3", "--out",
                trained.toString()}).flatMap(Stream::of).toArray(String[]::new));
        assertEquals(0, train.exitCode(), train.err());
        MultiLayerNetwork fromTrain = ModelFiles.load(trained.toFile(), "copy");
        MultiLayerNetwork fromSweep = ModelFiles.load(onlyRunDirectory(out, "seed3-data3").resolve("model.zip").toFile(),
                "copy");
        NtmLayer ntm = (NtmLayer) fromSweep.getLayer(0).conf().getLayer();
        assertEquals(List.of(12, 16, 5, 2, 2), List.of(ntm.getControllerSize(), ntm.getMemoryRows(),
                ntm.getMemoryWidth(), ntm.getReadHeads(), ntm.getWriteHeads()));
        assertEquals(fromTrain.params(), fromSweep.params());

        CliRun withBaseline = CliRun.of("sweep", "--seeds", "1", "--out", out.toString(), "--read-heads", "2",
                "--baseline", "lstm");
        assertEquals(2, withBaseline.exitCode());
        assertTrue(withBaseline.err().contains("--read-heads sizes the NTM; it does not go with --baseline"),
                withBaseline.err());
        CliRun tooSmall = CliRun.of("sweep", "--seeds", "1", "--out", out.toString(), "--memory-rows", "2");
        assertEquals(2, tooSmall.exitCode());
        assertTrue(tooSmall.err().contains("shiftRange 1 needs 2*shiftRange+1 = 3 distinct shifts"), tooSmall.err());
    }

    /** Ranked by the validation cost: each run keeps its lowest-cost model, and the best run has the lowest cost. */
    @Test
    void aSweepRankedByTheCostPicksByTheCost() throws IOException {
        Path out = dir.resolve("cost-sweep");
        CliRun sweep = CliRun.of(Stream.concat(Stream.of("sweep"), Stream.of(args("--seeds", "1-2", "--select-by",
                "cost", "--test-seeds", "31337,987654", "--out", out.toString(), "--master", "local[1]")))
                .toArray(String[]::new));
        assertEquals(0, sweep.exitCode(), sweep.out() + sweep.err());
        String md = Files.readString(out.resolve("sweep.md"), StandardCharsets.UTF_8);
        assertTrue(md.contains("--select-by cost"), md);
        // One test seed that is not the protocol's: the table does not call its numbers held out.
        assertTrue(md.contains("Tested on **development** test sets (seeds 31337, 987654), not the protocol's held-out "
                + "seeds (987654, 424242)"), md);
        assertTrue(md.contains("Development test sequences without a wrong bit")
                && md.contains("| converged | development test |"), md);
        assertFalse(md.contains("held-out |") || md.contains("Held-out sequences"), md);

        double[] costs = new double[2];
        for (int seed = 1; seed <= 2; seed++) {
            Path run = onlyRunDirectory(out, "seed" + seed + "-data" + seed);
            RunResult r = RunResult.fromJson(Files.readString(run.resolve("result.json")));
            assertEquals(Selection.COST, r.selectedBy());
            costs[seed - 1] = r.bestValidationCost();
            // The run's model is its lowest-cost validation, as its log says.
            double lowest = Files.readAllLines(run.resolve("train.jsonl")).stream()
                    .filter(l -> l.contains("\"event\":\"validation\""))
                    .mapToDouble(l -> Double.parseDouble(l.replaceAll(".*\"cost_per_seq\":([-0-9.eE]+).*", "$1")))
                    .min().orElseThrow();
            assertEquals(lowest, costs[seed - 1], 1e-12);
        }
        String best = costs[0] <= costs[1] ? "seed1-data1" : "seed2-data2";
        assertTrue(md.contains("Best run on validation: " + best + " ("), md);
        assertTrue(md.contains("validation cost in bits per sequence)"), md);

        CliRun bad = CliRun.of("train", "--task", "copy", "--select-by", "luck");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("no selection 'luck'; choose one of [bit-errors, cost]"), bad.err());
    }

    /**
     * A sweep killed in the middle of a run resumes it, on the next sweep with the same options, from the last
     * checkpoint in its partial directory, and ends where the uninterrupted run ends.
     */
    @Test
    void anInterruptedRunResumesExactlyFromItsLastCheckpoint() throws IOException {
        Path whole = dir.resolve("whole");
        CliRun uninterrupted = CliRun.of(Stream.concat(Stream.of("sweep"), Stream.of(args("--seeds", "1", "--out",
                whole.toString(), "--master", "local[1]"))).toArray(String[]::new));
        assertEquals(0, uninterrupted.exitCode(), uninterrupted.out() + uninterrupted.err());
        Path wholeRun = onlyRunDirectory(whole, "seed1-data1");

        // What a sweep killed after 100 of the run's 200 sequences leaves: the run's partial directory with its best
        // model, its log and the last checkpoint, as train writes them after 100 sequences.
        Path interrupted = dir.resolve("interrupted");
        Path partial = interrupted.resolve(wholeRun.getParent().getFileName()).resolve(".seed1-data1.partial");
        Files.createDirectories(partial);
        List<String> half = new java.util.ArrayList<>(List.of("train", "--seed", "1", "--out",
                partial.resolve("model.zip").toString()));
        for (int i = 0; i < TINY.length; i += 2) {
            if (!List.of("--lengths", "--examples").contains(TINY[i])) {
                half.add(TINY[i]);
                half.add(TINY[i].equals("--max-sequences") ? "100" : TINY[i + 1]);
            }
        }
        CliRun first = CliRun.of(half.toArray(String[]::new));
        assertEquals(0, first.exitCode(), first.out() + first.err());
        Files.move(partial.resolve("model.jsonl"), partial.resolve("train.jsonl"));
        assertTrue(Files.isRegularFile(partial.resolve("model.last.zip")));

        CliRun resumed = CliRun.of(Stream.concat(Stream.of("sweep"), Stream.of(args("--seeds", "1", "--out",
                interrupted.toString(), "--master", "local[1]"))).toArray(String[]::new));
        assertEquals(0, resumed.exitCode(), resumed.out() + resumed.err());
        assertTrue(resumed.out().contains("0 completed already (skipped), 1 to run (1 resumed from the last checkpoint"),
                resumed.out());
        Path resumedRun = onlyRunDirectory(interrupted, "seed1-data1");

        RunResult a = RunResult.fromJson(Files.readString(wholeRun.resolve("result.json")));
        RunResult b = RunResult.fromJson(Files.readString(resumedRun.resolve("result.json")));
        assertEquals(200, b.sequences());
        assertEquals(a.sequences(), b.sequences());
        assertEquals(a.bestValidation(), b.bestValidation());
        assertEquals(a.bestValidationCost(), b.bestValidationCost());
        assertEquals(validationCosts(wholeRun), validationCosts(resumedRun), "the same validations, in one log");
        // Resumed, not trained again from the start (which would end the same): the log goes on after a resume event.
        List<String> log = Files.readAllLines(resumedRun.resolve("train.jsonl"));
        assertEquals(1, log.stream().filter(l -> l.contains("\"event\":\"start\"")).count(), String.join("\n", log));
        assertTrue(log.stream().anyMatch(l -> l.contains("\"event\":\"resume\"") && l.contains("\"sequences\":100,")),
                String.join("\n", log));
        MultiLayerNetwork fromWhole = ModelFiles.load(wholeRun.resolve("model.zip").toFile(), "copy");
        MultiLayerNetwork fromResumed = ModelFiles.load(resumedRun.resolve("model.zip").toFile(), "copy");
        assertEquals(fromWhole.params(), fromResumed.params());
        assertEquals(fromWhole.getUpdater().getStateViewArray(), fromResumed.getUpdater().getStateViewArray());

        assertFalse(Files.exists(resumedRun.resolve("model.last.zip")), "the last checkpoint goes when the run is done");
        try (Stream<Path> files = Files.list(resumedRun.getParent())) {
            assertEquals(List.of(resumedRun), files.toList(), "no partial directory or lock left");
        }
    }

    /**
     * A recipe with a second stage: the sweep's run trains both, as the one train command does, bit for bit, keeps the
     * first stage's model and log beside the run's, counts the sequences of both, and resumes a run killed in its
     * second stage from that stage's last checkpoint.
     */
    @Test
    void aSweepWithASecondStageTrainsWhatTrainTrainsAndResumesInEitherStage() throws IOException {
        Path whole = dir.resolve("whole");
        CliRun sweep = CliRun.of(Stream.concat(Stream.of("sweep"), Stream.of(args("--seeds", "1", "--second-stage",
                "200@1e-5", "--out", whole.toString(), "--master", "local[1]"))).toArray(String[]::new));
        assertEquals(0, sweep.exitCode(), sweep.out() + sweep.err());
        Path run = onlyRunDirectory(whole, "seed1-data1");
        for (String file : List.of("model.zip", "train.jsonl", "model.stage1.zip", "train.stage1.jsonl", "eval.csv",
                "result.json")) {
            assertTrue(Files.isRegularFile(run.resolve(file)), file);
        }
        assertFalse(Files.exists(run.resolve("model.stage1.last.zip")), "the last checkpoints go when the run is done");
        RunResult result = RunResult.fromJson(Files.readString(run.resolve("result.json")));
        assertEquals(400, result.sequences(), "both stages");
        assertTrue(result.trainCommand().contains("--second-stage 200@0.00001"), result.trainCommand());

        // train with the same options: the same two models, bit for bit.
        Path trained = dir.resolve("train.zip");
        List<String> train = new java.util.ArrayList<>(List.of("train", "--seed", "1", "--second-stage", "200@1e-5",
                "--out", trained.toString()));
        for (int i = 0; i < TINY.length; i += 2) {
            if (!List.of("--lengths", "--examples").contains(TINY[i])) {
                train.add(TINY[i]);
                train.add(TINY[i + 1]);
            }
        }
        CliRun t = CliRun.of(train.toArray(String[]::new));
        assertEquals(0, t.exitCode(), t.out() + t.err());
        assertEquals(ModelFiles.load(trained.toFile(), "copy").params(),
                ModelFiles.load(run.resolve("model.zip").toFile(), "copy").params());
        assertEquals(ModelFiles.load(dir.resolve("train.stage1.zip").toFile(), "copy").params(),
                ModelFiles.load(run.resolve("model.stage1.zip").toFile(), "copy").params());

        // Killed after 100 of the second stage's 200 sequences, at a validation: train with a second stage of 100
        // leaves what it would.
        Path interrupted = dir.resolve("interrupted");
        Path partial = interrupted.resolve(run.getParent().getFileName()).resolve(".seed1-data1.partial");
        Files.createDirectories(partial);
        train.set(train.indexOf("200@1e-5"), "100@1e-5");
        train.set(train.indexOf(trained.toString()), partial.resolve("model.zip").toString());
        CliRun half = CliRun.of(train.toArray(String[]::new));
        assertEquals(0, half.exitCode(), half.out() + half.err());
        Files.move(partial.resolve("model.jsonl"), partial.resolve("train.jsonl"));
        Files.move(partial.resolve("model.stage1.jsonl"), partial.resolve("train.stage1.jsonl"));
        CliRun resumed = CliRun.of(Stream.concat(Stream.of("sweep"), Stream.of(args("--seeds", "1", "--second-stage",
                "200@1e-5", "--out", interrupted.toString(), "--master", "local[1]"))).toArray(String[]::new));
        assertEquals(0, resumed.exitCode(), resumed.out() + resumed.err());
        Path resumedRun = onlyRunDirectory(interrupted, "seed1-data1");
        RunResult b = RunResult.fromJson(Files.readString(resumedRun.resolve("result.json")));
        assertEquals(400, b.sequences());
        assertEquals(result.bestValidationCost(), b.bestValidationCost());
        assertEquals(validationCosts(run), validationCosts(resumedRun), "the second stage's validations, in one log");
        // Resumed in the second stage, the first not trained again: its log has no resume, the second's has one.
        List<String> secondLog = Files.readAllLines(resumedRun.resolve("train.jsonl"));
        assertTrue(secondLog.stream().anyMatch(l -> l.contains("\"event\":\"resume\"") && l.contains("\"sequences\":100,")),
                String.join("\n", secondLog));
        assertTrue(Files.readAllLines(resumedRun.resolve("train.stage1.jsonl")).stream()
                .noneMatch(l -> l.contains("\"event\":\"resume\"")));
        assertEquals(ModelFiles.load(run.resolve("model.zip").toFile(), "copy").params(),
                ModelFiles.load(resumedRun.resolve("model.zip").toFile(), "copy").params());
    }

    /**
     * An n-gram sweep reports the paper's measure for each run: the held-out cost above the Bayes-optimal predictor,
     * paired on the same sequences, as {@code eval} measures it, and how many runs come within 1 and 2 bits.
     */
    @Test
    void anNGramSweepReportsTheCostAboveTheBayesOptimalPredictor() throws IOException {
        Path out = dir.resolve("ngrams");
        CliRun sweep = CliRun.of("sweep", "--task", "ngrams", "--second-stage", "off", "--max-sequences", "16",
                "--batch", "16", "--validate-every", "16", "--lengths", "20,30", "--examples", "4", "--seeds", "1",
                "--out", out.toString(), "--master", "local[1]");
        assertEquals(0, sweep.exitCode(), sweep.out() + sweep.err());
        Path run = onlyRunDirectory(out, "seed1-data1");
        RunResult r = RunResult.fromJson(Files.readString(run.resolve("result.json")));
        List<String> above = Files.readAllLines(run.resolve("eval-above-optimal.csv"));
        assertEquals("test_seed,length,examples,model_cost_bits,optimal_cost_bits,cost_above_bits,cost_above_lo95,"
                + "cost_above_hi95", above.get(0));
        assertEquals(1 + 2 * 2, above.size(), "a row per test seed and length: " + above);
        // eval on the same model and test sequences: the same differences, the run's the mean over the test seeds.
        double sum = 0;
        for (String testSeed : List.of("987654", "424242")) {
            CliRun eval = CliRun.of("eval", "--model", run.resolve("model.zip").toString(), "--task", "ngrams",
                    "--lengths", "20", "--examples", "4", "--seed", testSeed);
            assertEquals(0, eval.exitCode(), eval.err());
            String row = eval.out().lines().filter(l -> l.trim().startsWith("20 ") && l.trim().split("\\s+").length == 7)
                    .reduce((x, y) -> y).orElseThrow(() -> new AssertionError(eval.out()));
            sum += Double.parseDouble(row.trim().split("\\s+")[4]);
        }
        assertEquals(sum / 2, r.costAboveOptimal()[0], 1e-3);
        String md = Files.readString(out.resolve("sweep.md"), StandardCharsets.UTF_8);
        assertTrue(md.contains("Held-out cost above the Bayes-optimal predictor, in bits per sequence, paired on the same"
                + " sequences (the paper's measure), over the 1 completed runs"), md);
        assertTrue(md.contains("; above the optimum 20: "), md);
        assertTrue(md.contains("One run, measured by the cost above the Bayes-optimal predictor (below), not by a "
                + "bit-error target. Best run on validation: seed1-data1 ("), md);
        assertFalse(md.contains("converged** ("), "no bit-error headline for n-grams: " + md);
        assertTrue(Files.readAllLines(out.resolve("runs.csv")).get(0).endsWith(",cost_above_optimal"));
    }

    /** The validation costs of a run's log, in order. */
    private static List<String> validationCosts(Path run) throws IOException {
        return Files.readAllLines(run.resolve("train.jsonl")).stream()
                .filter(l -> l.contains("\"event\":\"validation\""))
                .map(l -> l.replaceAll(".*\"sequences\":([0-9]+).*\"cost_per_seq\":([-0-9.eE]+).*", "$1 $2"))
                .toList();
    }

    private static Path onlyRunDirectory(Path out, String run) throws IOException {
        try (Stream<Path> settings = Files.list(out)) {
            List<Path> dirs = settings.filter(Files::isDirectory).toList();
            assertEquals(1, dirs.size(), "one setting: " + dirs);
            return dirs.get(0).resolve(run);
        }
    }
}
