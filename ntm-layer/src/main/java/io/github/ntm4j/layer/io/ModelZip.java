package io.github.ntm4j.layer.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * The entries of a model zip, read with bounds: only the names in {@link ModelEntries#ALLOWED}, each
 * at most once, and no more bytes per entry and in total than the limits. The bounds count the bytes
 * actually inflated, not the sizes the zip declares, so a zip bomb stops at the limit.
 */
final class ModelZip {
    private final Map<String, byte[]> entries;

    private ModelZip(Map<String, byte[]> entries) {
        this.entries = entries;
    }

    /** The entry's bytes, or null if the zip has no such entry. */
    byte[] get(String name) {
        return entries.get(name);
    }

    boolean has(String name) {
        return entries.containsKey(name);
    }

    /**
     * Reads every entry of {@code in} (which it does not close).
     *
     * @param skip entries to check by name and bound but not keep (the updater state when it is not wanted)
     */
    static ModelZip read(InputStream in, SafeModelLoader.Limits limits, String skip) throws InvalidModelFileException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        long total = 0;
        String current = null;
        try {
            ZipInputStream zip = new ZipInputStream(in);
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                current = entry.getName();
                checkName(current, entries);
                long limit = Math.min(limits.maxEntryBytes(current), limits.maxTotalBytes() - total);
                byte[] bytes = readBounded(zip, limit, current, limits, total);
                total += bytes.length;
                entries.put(current, current.equals(skip) ? new byte[0] : bytes);
            }
        } catch (InvalidModelFileException e) {
            throw e;
        } catch (ZipException e) {
            throw new InvalidModelFileException("not a readable model zip (" + where(current) + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new InvalidModelFileException("the model file is truncated or unreadable (" + where(current)
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
        if (entries.isEmpty()) {
            throw new InvalidModelFileException("not a model file: it is empty or not a zip archive");
        }
        return new ModelZip(entries);
    }

    private static String where(String entry) {
        return entry == null ? "" : "in entry " + entry + ": ";
    }

    private static void checkName(String name, Map<String, byte[]> seen) throws InvalidModelFileException {
        if (name.startsWith("/") || name.contains("..") || name.contains("\\")) {
            throw new InvalidModelFileException("the model zip has an entry named '" + name
                    + "', which points outside the archive; refusing the file");
        }
        if (!ModelEntries.ALLOWED.contains(name)) {
            throw new InvalidModelFileException("the model zip has an entry '" + name + "' that is not part of a"
                    + " DL4J or NTM4J model (allowed: " + String.join(", ", ModelEntries.ALLOWED)
                    + "); refusing the file, since DL4J reads some extra entries by Java deserialization,"
                    + " which can run code");
        }
        if (seen.containsKey(name)) {
            throw new InvalidModelFileException("the model zip has the entry '" + name + "' twice; refusing the file");
        }
    }

    private static byte[] readBounded(InputStream in, long limit, String name, SafeModelLoader.Limits limits,
            long totalSoFar) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        long read = 0;
        int n;
        while ((n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - read + 1))) > 0) {
            read += n;
            if (read > limit) {
                boolean entryLimit = limit == limits.maxEntryBytes(name);
                throw new InvalidModelFileException("entry " + name + " holds more than " + limit + " bytes, the "
                        + (entryLimit ? "limit for that entry" : "limit left of the " + limits.maxTotalBytes()
                        + "-byte total after " + totalSoFar + " bytes of other entries")
                        + "; if the file is genuine, raise the limit with SafeModelLoader.builder()."
                        + (entryLimit ? limits.setterFor(name) : "maxTotalBytes") + "(...)");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
