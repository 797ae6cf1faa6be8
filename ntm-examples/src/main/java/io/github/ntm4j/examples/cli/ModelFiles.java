package io.github.ntm4j.examples.cli;

import io.github.ntm4j.layer.NtmLayer;
import io.github.ntm4j.layer.io.InvalidModelFileException;
import io.github.ntm4j.layer.io.ModelFileWriter;
import io.github.ntm4j.layer.io.ModelMetadata;
import io.github.ntm4j.layer.io.SafeModelLoader;
import io.github.ntm4j.examples.training.TrainerState;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.BufferedInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * Saving and loading NTM models with the task they were trained on, so that a model is never
 * silently evaluated on another task. Files are read with {@link SafeModelLoader}, never with
 * {@code ModelSerializer}, so a model file from elsewhere cannot run code. Every failure is one
 * {@link ModelFileException} line.
 */
public final class ModelFiles {
    private static final SafeModelLoader LOADER = SafeModelLoader.defaults();

    private ModelFiles() {
    }

    /** The metadata key of a calibrated model's temperature and what it was fitted on. */
    public static final String KEY_CALIBRATION = "calibration";
    /** The metadata key of the command that calibrated a model. */
    public static final String KEY_CALIBRATION_COMMAND = "calibration.command";

    /** A model file that cannot be used: missing, corrupt, unsafe, not an NTM, or for another task. */
    public static final class ModelFileException extends RuntimeException {
        public ModelFileException(String message) {
            super(message);
        }
    }

    /** Saves the network with its updater, and records the task name in the same zip. */
    public static void save(MultiLayerNetwork net, String task, File file) throws IOException {
        save(net, task, null, file);
    }

    /** Saves the network with its updater, recording the task name and the command that trained it. */
    public static void save(MultiLayerNetwork net, String task, String command, File file) throws IOException {
        ModelFileWriter.write(net, file.toPath(), true, ModelMetadata.of(task, command));
    }

    /**
     * Saves a last checkpoint: the network with its updater, the task and command, and the trainer's state in
     * the metadata, so that {@code train --resume} continues exactly. Atomic, as every save: a temporary file,
     * then a rename.
     */
    public static void saveLast(MultiLayerNetwork net, String task, String command, TrainerState state, File file)
            throws IOException {
        ModelMetadata metadata = ModelMetadata.of(task, command);
        for (Map.Entry<String, String> e : state.toMetadata().entrySet()) {
            metadata = metadata.with(e.getKey(), e.getValue());
        }
        ModelFileWriter.write(net, file.toPath(), true, metadata);
    }

    /**
     * The trainer state a last checkpoint holds, or null for a file without one (a best checkpoint).
     *
     * @throws ModelFileException if the file cannot be read or its state is malformed
     */
    public static TrainerState trainerState(File file) {
        try {
            return TrainerState.fromMetadata(LOADER.readMetadata(file.toPath()).asMap());
        } catch (IOException e) {
            throw new ModelFileException(message(file.toString(), e));
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(file + ": " + e.getMessage());
        }
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
        SafeModelLoader.Loaded<MultiLayerNetwork> loaded;
        try {
            loaded = LOADER.loadMultiLayerNetwork(file.toPath(), withUpdater);
        } catch (IOException e) {
            throw new ModelFileException(message(file.toString(), e));
        }
        MultiLayerNetwork net = checked(loaded, file.toString(), task, requireNtm);
        INDArray state = withUpdater ? net.getUpdater().getStateViewArray() : null;
        if (state != null && state.length() > 0 && !loaded.updaterStateRestored()) {
            boolean ntm = net.getLayer(0).conf().getLayer() instanceof NtmLayer;
            throw new ModelFileException(file + " holds no updater state (it was exported for inference), so training"
                    + " cannot go on from it as it was" + (ntm ? "; start a new run from its weights with train"
                    + " --init-from " + file : "; resume from the file train saved"));
        }
        return net;
    }

    /**
     * Writes the model {@code in} to {@code out} for inference only: its configuration, parameters, task and
     * training command, without the updater state or a last checkpoint's trainer state. What {@code eval},
     * {@code dashboard} and {@code --init-from} read is unchanged; {@code --resume} refuses the result.
     */
    public static void export(File in, File out) throws IOException {
        SafeModelLoader.Loaded<MultiLayerNetwork> loaded;
        try {
            loaded = LOADER.loadMultiLayerNetwork(in.toPath(), false);
        } catch (IOException e) {
            throw new ModelFileException(message(in.toString(), e));
        }
        ModelMetadata metadata = ModelMetadata.of(task(loaded.metadata(), in.toString()),
                loaded.metadata().get(ModelMetadata.KEY_COMMAND));
        ModelFileWriter.write(loaded.network(), out.toPath(), false, metadata);
    }

    /**
     * Writes {@code net}, the calibrated network of the model file {@code in}, to {@code out} for inference (no
     * updater state): the task and training command {@code in} records, the {@code calibration} (what was fitted, on
     * what) and the {@code command} that calibrated it. What {@code eval}, {@code dashboard} and {@code demo} read.
     */
    public static void saveCalibrated(MultiLayerNetwork net, File in, String calibration, String command, File out)
            throws IOException {
        ModelMetadata recorded;
        try {
            recorded = LOADER.readMetadata(in.toPath());
        } catch (IOException e) {
            throw new ModelFileException(message(in.toString(), e));
        }
        ModelMetadata metadata = ModelMetadata.of(task(recorded, in.toString()), recorded.get(ModelMetadata.KEY_COMMAND))
                .with(KEY_CALIBRATION, calibration).with(KEY_CALIBRATION_COMMAND, command);
        ModelFileWriter.write(net, out.toPath(), false, metadata);
    }

    /** The task a model file saved by {@link #save} was trained on. */
    public static String recordedTask(File file) {
        try {
            return task(LOADER.readMetadata(file.toPath()), file.toString());
        } catch (IOException e) {
            throw new ModelFileException(message(file.toString(), e));
        }
    }

    /** Loads a model shipped in this jar's resources. */
    public static MultiLayerNetwork loadResource(String resource, String task) {
        String name = "the shipped model " + resource;
        try (InputStream in = ModelFiles.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ModelFileException(name + " is missing from the jar");
            }
            return checked(LOADER.loadMultiLayerNetwork(new BufferedInputStream(in), false), name, task, true);
        } catch (InvalidModelFileException e) {
            throw new ModelFileException(name + ": " + e.getMessage());
        } catch (IOException e) {
            throw new ModelFileException(message(name, e));
        }
    }

    private static MultiLayerNetwork checked(SafeModelLoader.Loaded<MultiLayerNetwork> loaded, String name,
            String task, boolean requireNtm) {
        MultiLayerNetwork net = loaded.network();
        if (requireNtm && (net.getnLayers() == 0 || !(net.getLayer(0).conf().getLayer() instanceof NtmLayer))) {
            throw new ModelFileException(name + " holds a DL4J network whose first layer is not an NtmLayer");
        }
        String trainedOn = task(loaded.metadata(), name);
        if (!trainedOn.equals(task)) {
            throw new ModelFileException(name + " was trained on the " + trainedOn + " task, not " + task);
        }
        return net;
    }

    private static String task(ModelMetadata metadata, String name) {
        if (metadata.task() == null) {
            throw new ModelFileException(name + " does not record its task (it was not saved by ntm4j train)");
        }
        return metadata.task();
    }

    /** The loader's one-line message (which names the file already), or the I/O error's. */
    private static String message(String name, IOException e) {
        if (e instanceof InvalidModelFileException) {
            return e.getMessage();
        }
        return "could not read " + name + ": " + e.getMessage();
    }
}
