package io.github.ntm4j.examples;

import io.github.ntm4j.layer.ControllerType;
import io.github.ntm4j.layer.NtmActivation;
import io.github.ntm4j.layer.NtmLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The first shipped models were saved when the NTM layer still reported DL4J's default activation (sigmoid) in its
 * JSON; later ones (n-grams) with the controller's. Both load unchanged and report their controller's activation;
 * {@code ShippedModelsTest} holds their outputs to the recorded errors.
 */
class ShippedModelsActivationTest {

    private static List<Path> shippedModels() throws IOException, URISyntaxException {
        Path dir = Paths.get(ShippedModelsActivationTest.class.getResource("/models").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".zip")).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void oldModelsLoadAndReportTheirControllersActivation() throws Exception {
        List<Path> models = shippedModels();
        assertFalse(models.isEmpty(), "no shipped models found");
        int older = 0;
        for (Path model : models) {
            String json;
            try (ZipFile zip = new ZipFile(model.toFile());
                 InputStream in = zip.getInputStream(zip.getEntry("configuration.json"))) {
                json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (json.contains("ActivationSigmoid")) {
                older++;
            }

            MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(model.toFile(), false);
            NtmLayer ntm = (NtmLayer) net.getLayerWiseConfigurations().getConf(0).getLayer();
            // The controller's output h: its activation for a feed-forward controller, tanh for an LSTM's o * tanh(c).
            NtmActivation reported = ntm.getController() == ControllerType.LSTM ? NtmActivation.TANH
                    : ntm.getControllerActivation();
            assertEquals(reported.toDl4j(), ntm.getActivationFn(), model.toString());
            String saved = net.getLayerWiseConfigurations().toJson();
            assertTrue(saved.contains("\"" + ntm.getActivationFn().getClass().getName() + "\""), model.toString());
        }
        assertTrue(older >= 6, older + " shipped models in the older form: the six first ones were saved so");
    }
}
