package io.github.ntm4j.examples.cli;

import io.github.ntm4j.layer.NtmLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Saving and loading NTM models with the task they were trained on, so that a model is never
 * silently evaluated on another task. Every failure is one {@link ModelFileException} line.
 */
public final class ModelFiles {
    /** The key under which {@code train} records the task name inside the model zip. */
    public static final String TASK_KEY = "ntm4j-task";

    private ModelFiles() {
    }

    /** A model file that cannot be used: missing, corrupt, not an NTM, or for another task. */
    public static final class ModelFileException extends RuntimeException {
        public ModelFileException(String message) {
            super(message);
        }
    }

    /** Saves the network with its updater, and records the task name in the same zip. */
    public static void save(MultiLayerNetwork net, String task, File file) throws IOException {
        ModelSerializer.writeModel(net, file, true);
        ModelSerializer.addObjectToFile(file, TASK_KEY, task);
    }

    /** Loads a model saved by {@link #save}, checking that it exists, loads, holds an NtmLayer and was trained on {@code task}. */
    public static MultiLayerNetwork load(File file, String task) {
        return load(file, task, true);
    }

    /**
     * Loads a model saved by {@link #save}, checking that it exists, loads and was trained on {@code task};
     * with {@code requireNtm}, also that its first layer is an NtmLayer (an LSTM baseline is not).
     */
    public static MultiLayerNetwork load(File file, String task, boolean requireNtm) {
        return load(file, task, requireNtm, false);
    }

    /**
     * {@link #load(File, String, boolean)}, with the updater's state (RMSprop's running averages) too when
     * {@code withUpdater} and the file holds it: what {@code train --resume} continues from.
     */
    public static MultiLayerNetwork load(File file, String task, boolean requireNtm, boolean withUpdater) {
        if (!file.isFile()) {
            throw new ModelFileException("model file " + file + " does not exist");
        }
        MultiLayerNetwork net;
        try {
            net = ModelSerializer.restoreMultiLayerNetwork(file, withUpdater);
        } catch (Exception | Error e) {
            throw new ModelFileException(file + " is not a readable DL4J model file (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("")) + ")");
        }
        if (requireNtm && (net.getnLayers() == 0 || !(net.getLayer(0).conf().getLayer() instanceof NtmLayer))) {
            throw new ModelFileException(file + " holds a DL4J network whose first layer is not an NtmLayer");
        }
        String trainedOn = recordedTask(file);
        if (!trainedOn.equals(task)) {
            throw new ModelFileException(file + " was trained on the " + trainedOn + " task, not " + task);
        }
        return net;
    }

    /** The task a model file saved by {@link #save} was trained on. */
    public static String recordedTask(File file) {
        if (!file.isFile()) {
            throw new ModelFileException("model file " + file + " does not exist");
        }
        String trainedOn;
        try {
            trainedOn = ModelSerializer.getObjectFromFile(file, TASK_KEY);
        } catch (RuntimeException e) {
            trainedOn = null;
        }
        if (trainedOn == null) {
            throw new ModelFileException(file + " does not record its task (it was not saved by ntm4j train)");
        }
        return trainedOn;
    }

    /** Loads a model shipped in this jar's resources (copied to a temporary file first). */
    public static MultiLayerNetwork loadResource(String resource, String task) {
        try (InputStream in = ModelFiles.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ModelFileException("the shipped model " + resource + " is missing from the jar");
            }
            Path tmp = Files.createTempFile("ntm4j-model", ".zip");
            try {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                return load(tmp.toFile(), task);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new ModelFileException("could not read the shipped model " + resource + ": " + e.getMessage());
        }
    }
}
