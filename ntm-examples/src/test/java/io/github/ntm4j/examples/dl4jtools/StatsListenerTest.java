package io.github.ntm4j.examples.dl4jtools;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.deeplearning4j.ui.model.stats.api.StatsInitializationReport;
import org.deeplearning4j.ui.model.stats.api.StatsReport;
import org.deeplearning4j.ui.model.stats.api.StatsType;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DL4J's {@code StatsListener} (what its training UI shows) records an NTM like any layer: the model and its
 * parameter names, and the parameters, gradients and updates of every NTM parameter at every iteration.
 */
class StatsListenerTest {

    static final List<String> NTM_PARAMS = List.of("0_Wc", "0_bc", "0_Wh", "0_bh");

    @Test
    void recordsEveryNtmParameterAndTheControllersActivation() throws Exception {
        InMemoryStatsStorage storage = new InMemoryStatsStorage();
        MultiLayerNetwork net = CopyRecipe.network(CopyRecipe.SEED);
        net.setListeners(new StatsListener(storage, 1));
        net.fit(CopyRecipe.training(CopyRecipe.SEED, 20));

        String session = storage.listSessionIDs().get(0);
        String type = storage.listTypeIDsForSession(session).get(0);
        String worker = storage.listWorkerIDsForSession(session).get(0);

        StatsInitializationReport model = (StatsInitializationReport) storage.getStaticInfo(session, type, worker);
        assertTrue(Arrays.asList(model.getModelParamNames()).containsAll(NTM_PARAMS),
                Arrays.toString(model.getModelParamNames()));
        assertEquals(net.numParams(), model.getModelNumParams());
        // The UI's model page shows each layer's activation from this JSON: the NTM's controller is ReLU.
        String json = model.getModelConfigJson();
        assertTrue(json.contains("io.github.ntm4j.layer.NtmLayer") && json.contains("ActivationReLU"), json);

        List<Persistable> updates = storage.getAllUpdatesAfter(session, type, worker, 0);
        assertEquals(20, updates.size(), "one report per iteration");
        StatsReport last = (StatsReport) updates.get(updates.size() - 1);
        for (StatsType stats : new StatsType[] {StatsType.Parameters, StatsType.Gradients, StatsType.Updates}) {
            Map<String, Double> meanMagnitudes = last.getMeanMagnitudes(stats);
            for (String param : NTM_PARAMS) {
                Double m = meanMagnitudes.get(param);
                assertTrue(m != null && Double.isFinite(m) && m > 0, stats + " of " + param + ": " + meanMagnitudes);
            }
        }
        assertTrue(Double.isFinite(last.getScore()));
        storage.close();
    }
}
