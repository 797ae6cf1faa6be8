package io.github.ntm4j.examples.cli;

import io.github.ntm4j.examples.training.Networks;
import io.github.ntm4j.examples.CliRun;
import io.github.ntm4j.examples.dashboard.Dashboard;
import io.github.ntm4j.examples.dashboard.DashboardPixels;
import io.github.ntm4j.layer.ControllerType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.File;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code dashboard} on an untrained model of every task but copy (whose shipped model DashboardCommandTest draws). */
class DashboardTasksTest {

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    /** An untrained NTM of {@code task}, saved as a model of it. */
    static File model(String task, File dir) throws Exception {
        MultiLayerNetwork net = Networks.ntm(TaskName.of(task).training(0), ControllerType.FEED_FORWARD, 1, 1e-3);
        File file = new File(dir, task + ".zip");
        ModelFiles.save(net, task, file);
        return file;
    }

    /** At the task's default length, with the head parameters: one frame per panel, 4 more per head. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"reversed-copy", "repeat-copy", "associative-recall", "dyck", "priority-sort", "ngrams"})
    void everyTaskDrawsAnUntrainedModel(String task, @TempDir File dir) throws Exception {
        File png = new File(dir, task + ".png");
        CliRun run = CliRun.of("dashboard", "--model", model(task, dir).getPath(), "--task", task, "--head-params",
                "--out", png.getPath());
        assertEquals(0, run.exitCode(), run.err());
        BufferedImage img = ImageIO.read(png);
        assertNotNull(img);
        int heads = 2; // Networks.ntm: one read head, one write head
        assertEquals(3 + heads * (1 + 4) + 1, DashboardPixels.frames(img, DashboardPixels.frameColumn()),
                "input, target, prediction, every head with its 4 parameter panels, memory");
    }

    @Test
    void titlesCountWhatTheLengthCounts(@TempDir File dir) throws Exception {
        MultiLayerNetwork recall = ModelFiles.load(model("associative-recall", dir), "associative-recall");
        String title = new Dashboard(DashboardCommand.run(recall, "associative-recall", 4, 1).data(), false).title();
        assertTrue(title.startsWith("NTM on the associative-recall task, 4 items: "), title);
        MultiLayerNetwork sort = ModelFiles.load(model("priority-sort", dir), "priority-sort");
        title = new Dashboard(DashboardCommand.run(sort, "priority-sort", 5, 1).data(), false).title();
        assertTrue(title.startsWith("NTM on the priority-sort task, 5 inputs: "), title);
        MultiLayerNetwork dyck = ModelFiles.load(model("dyck", dir), "dyck");
        DashboardCommand.Run run = DashboardCommand.run(dyck, "dyck", 6, 1);
        title = new Dashboard(run.data(), false).title();
        assertTrue(title.matches("NTM on the dyck task, length 6: \\d+ bit errors? of 6 scored bits"), title);
        assertEquals(2, run.data().input.length, "Dyck words: '(' and ')'");
        assertEquals(1, run.data().target.length, "one output: is the prefix a Dyck word");
    }

    @Test
    void onlyTheCopyTasksRefuseLengthsOverTheMemory(@TempDir File dir) throws Exception {
        // Networks.ntm has 128 memory rows; 200 n-gram bits or Dyck words of 130 need no row a step
        assertEquals(200, TaskName.of("ngrams").dashboardValue());
        DashboardCommand.checkFits(ModelFiles.load(model("ngrams", dir), "ngrams"), "ngrams", 200);
        DashboardCommand.checkFits(ModelFiles.load(model("dyck", dir), "dyck"), "dyck", 130);
        UsageException e = assertThrows(UsageException.class, () -> DashboardCommand.checkFits(
                ModelFiles.load(model("repeat-copy", dir), "repeat-copy"), "repeat-copy", 129));
        assertTrue(e.getMessage().contains("longer than the model's memory of 128 rows"), e.getMessage());
    }

    @Test
    void aModelOfOtherWidthsIsRefusedInOneLine(@TempDir File dir) throws Exception {
        // a Dyck-word network saved under another task's name
        MultiLayerNetwork dyck = Networks.ntm(TaskName.of("dyck").training(0), ControllerType.FEED_FORWARD, 1, 1e-3);
        File file = new File(dir, "mislabelled.zip");
        ModelFiles.save(dyck, "ngrams", file);
        ModelFiles.ModelFileException e = assertThrows(ModelFiles.ModelFileException.class,
                () -> DashboardCommand.checkFits(ModelFiles.load(file, "ngrams"), "ngrams", 50));
        assertEquals("the model has 2 input and 1 output channels; the ngrams task has 1 and 1", e.getMessage());
    }
}
