package io.github.ntm4j.layer.io;

import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What an attacker puts in a model file: a serializable class whose {@code readObject} acts, here by
 * writing a marker file. If it is ever deserialized, the marker exists. It is a
 * {@link DataSetPreProcessor} so that DL4J's {@code ModelSerializer} reads it from {@code preprocessor.bin}.
 */
public class HostilePayload implements Serializable, DataSetPreProcessor {
    private static final long serialVersionUID = 1L;
    private final String marker;

    HostilePayload(Path marker) {
        this.marker = marker.toString();
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        Files.writeString(Path.of(marker), "code ran during deserialization");
    }

    @Override
    public void preProcess(DataSet toPreProcess) {
    }
}
