package io.github.ntm4j.examples.sweep;

import io.github.ntm4j.examples.training.Selection;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ArrayNode;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

import java.io.IOException;

/**
 * What one completed run of a sweep measured: its training and validation, and its held-out evaluation. It is
 * written as the run's {@code result.json}, last of its files, and read back from there when a sweep resumes.
 *
 * @param bestValidation  the validation bit errors per sequence of the model saved (the best by {@code selectedBy})
 * @param converged       whether {@code bestValidation} reached the recipe's target
 * @param testVariable    what the held-out evaluation varies: {@code length}, {@code items}, {@code inputs}
 * @param testLengths     its values
 * @param sequenceAccuracy per value: the fraction of held-out sequences without a wrong bit, over every test seed
 * @param meanBitErrors   per value: the mean wrong bits per held-out sequence, over every test seed
 * @param bestValidationCost the validation cost per sequence in bits of the model saved (NaN in results written
 *                        before the cost was measured)
 * @param selectedBy      which validation score picked the model saved
 * @param costAboveOptimal per value, for n-grams: the held-out cost in bits per sequence above the Bayes-optimal
 *                        predictor's on the same sequences, over every test seed; null for the other tasks (and in
 *                        results written before it was measured)
 */
public record RunResult(String setting, String description, String run, long seed, long dataSeed, long sequences,
                        double seconds, String stop, double bestValidation, boolean converged, String testVariable,
                        int[] testLengths, double[] sequenceAccuracy, double[] meanBitErrors, String trainCommand,
                        double bestValidationCost, Selection selectedBy, double[] costAboveOptimal) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The score the model saved was picked by: its validation bit errors or its cost. */
    public double selectionScore() {
        return selectedBy.of(bestValidation, bestValidationCost);
    }

    public String toJson() {
        ObjectNode n = JSON.createObjectNode();
        n.put("setting", setting);
        n.put("description", description);
        n.put("run", run);
        n.put("seed", seed);
        n.put("data_seed", dataSeed);
        n.put("sequences", sequences);
        n.put("seconds", seconds);
        n.put("stop", stop);
        n.put("best_validation_bit_errors", Double.isFinite(bestValidation) ? Double.toString(bestValidation) : "NaN");
        n.put("converged", converged);
        n.put("test_variable", testVariable);
        ArrayNode tests = n.putArray("test");
        for (int i = 0; i < testLengths.length; i++) {
            ObjectNode t = tests.addObject();
            t.put(testVariable, testLengths[i]);
            t.put("sequence_accuracy", sequenceAccuracy[i]);
            t.put("mean_bit_errors", meanBitErrors[i]);
            if (costAboveOptimal != null) {
                t.put("cost_above_optimal", costAboveOptimal[i]);
            }
        }
        n.put("train_command", trainCommand);
        n.put("best_validation_cost", Double.isFinite(bestValidationCost) ? Double.toString(bestValidationCost) : "NaN");
        n.put("selected_by", selectedBy.toString());
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static RunResult fromJson(String text) throws IOException {
        JsonNode n = JSON.readTree(text);
        String variable = n.get("test_variable").asText();
        JsonNode tests = n.get("test");
        int[] lengths = new int[tests.size()];
        double[] accuracy = new double[tests.size()];
        double[] bitErrors = new double[tests.size()];
        double[] above = tests.size() > 0 && tests.get(0).has("cost_above_optimal") ? new double[tests.size()] : null;
        for (int i = 0; i < tests.size(); i++) {
            if (above != null) {
                above[i] = tests.get(i).get("cost_above_optimal").asDouble();
            }
            lengths[i] = tests.get(i).get(variable).asInt();
            accuracy[i] = tests.get(i).get("sequence_accuracy").asDouble();
            bitErrors[i] = tests.get(i).get("mean_bit_errors").asDouble();
        }
        return new RunResult(n.get("setting").asText(), n.get("description").asText(), n.get("run").asText(),
                n.get("seed").asLong(), n.get("data_seed").asLong(), n.get("sequences").asLong(),
                n.get("seconds").asDouble(), n.get("stop").asText(),
                Double.parseDouble(n.get("best_validation_bit_errors").asText()), n.get("converged").asBoolean(),
                variable, lengths, accuracy, bitErrors, n.get("train_command").asText(),
                // Results written before the cost was measured: ranked by bit errors, cost unknown.
                n.has("best_validation_cost") ? Double.parseDouble(n.get("best_validation_cost").asText()) : Double.NaN,
                n.has("selected_by") ? Selection.parse(n.get("selected_by").asText()) : Selection.BIT_ERRORS, above);
    }
}
