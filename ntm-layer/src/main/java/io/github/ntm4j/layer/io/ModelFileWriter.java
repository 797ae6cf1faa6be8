package io.github.ntm4j.layer.io;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.util.ModelSerializer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Writes a model file that {@link SafeModelLoader} reads back: DL4J's own entries, written by
 * {@code ModelSerializer.writeModel} (so {@code ModelSerializer} reads the file too), plus NTM4J's
 * {@link ModelMetadata} as plain JSON text. The file appears complete or not at all: it is written
 * under a temporary name beside the target and then renamed.
 */
public final class ModelFileWriter {
    private ModelFileWriter() {
    }

    /**
     * Writes {@code model} (a {@code MultiLayerNetwork} or {@code ComputationGraph}) to {@code file}.
     *
     * @param saveUpdater also the updater's state, which resuming training needs and inference does not
     */
    public static void write(Model model, Path file, boolean saveUpdater, ModelMetadata metadata) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // Temporary names made by hand, not Files.createTempFile, whose 0600 permissions the renamed model
        // file would keep: the model gets the permissions of any other file its user writes.
        String unique = file.getFileName() + "." + UUID.randomUUID();
        Path dl4j = dir.resolve(unique + ".dl4j.tmp");
        Path tmp = dir.resolve(unique + ".tmp");
        try {
            ModelSerializer.writeModel(model, dl4j.toFile(), saveUpdater);
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(dl4j));
                 ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(tmp))) {
                for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                    out.putNextEntry(new ZipEntry(e.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
                out.putNextEntry(new ZipEntry(ModelEntries.METADATA));
                out.write(metadata.toJson());
                out.closeEntry();
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(dl4j);
            Files.deleteIfExists(tmp);
        }
    }
}
