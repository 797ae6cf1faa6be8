package io.github.ntm4j.examples.cli;

import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code --out-dir} and {@code --force}, for the commands that write files (pictures, tables): a
 * relative file name goes into {@code --out-dir}, and an existing file is never overwritten unless
 * {@code --force} is given. A picocli mixin.
 */
public final class OutputFiles {
    @Option(names = "--out-dir", paramLabel = "DIR", defaultValue = ".",
            description = "Where relative output file names go (default: the working directory).")
    Path outDir;

    @Option(names = "--force", description = "Overwrite output files that exist (without it they are left alone).")
    boolean force;

    /**
     * Where {@code name} is written: in {@code --out-dir} unless it is absolute.
     *
     * @throws CommandFailure if the file exists and {@code --force} was not given
     */
    public Path file(String name) {
        Path file = outDir.resolve(name).normalize();
        if (Files.exists(file) && !force) {
            throw new CommandFailure(file + " exists; give --force to overwrite it, or another file name");
        }
        return file;
    }
}
