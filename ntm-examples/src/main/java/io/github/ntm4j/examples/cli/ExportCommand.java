package io.github.ntm4j.examples.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code export}: a model file for inference only ({@link ModelFiles#export}). {@code train} saves every
 * model with its updater state, which {@code --resume} needs and {@code eval}, {@code dashboard} and
 * {@code --init-from} do not. The updater state is one to three times as large as the parameters (three
 * times for Graves' RMSprop, twice for Adam), so the exported file is a quarter to a half of the size.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a trained model for inference only: its configuration, parameters, task and training "
                + "command, without the updater state that train --resume needs (three quarters of the file with "
                + "Graves' RMSprop). eval, dashboard and train --init-from read the result.")
public final class ExportCommand implements Callable<Integer> {
    @Option(names = "--model", paramLabel = "FILE", required = true, description = "A model file saved by train.")
    File model;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "The model file to write.")
    String out;

    @Mixin
    OutputFiles output;

    @Override
    public Integer call() {
        Path file = output.file(out);
        if (file.toAbsolutePath().normalize().equals(model.toPath().toAbsolutePath().normalize())) {
            throw new UsageException("--out names the model itself; export writes a new file beside it");
        }
        try {
            ModelFiles.export(model, file.toFile());
            System.out.printf(Locale.ROOT, "exported %s (%d bytes) to %s (%d bytes): configuration, parameters, "
                    + "task and command; no updater state%n", model, Files.size(model.toPath()), file,
                    Files.size(file));
        } catch (IOException e) {
            throw new CommandFailure("could not write " + file + ": " + e.getMessage());
        }
        return 0;
    }
}
