package io.github.ntm4j.layer.io;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;

/**
 * Reads the task name that older NTM4J files keep in {@value ModelEntries#LEGACY_TASK}: a
 * {@code String} written by {@code ObjectOutputStream.writeObject}. The bytes are parsed by hand, as
 * the Java Object Serialization Stream Protocol defines a string (section 6.4): the stream header
 * {@code AC ED 00 05}, {@code TC_STRING} ({@code 0x74}), then a length-prefixed modified UTF-8 string,
 * exactly as {@code DataInput.readUTF} reads it. Anything else, an object above all, is refused
 * unread: this never reaches {@code ObjectInputStream}.
 */
final class LegacyTaskEntry {
    private static final short STREAM_MAGIC = (short) 0xACED;
    private static final short STREAM_VERSION = 5;
    private static final byte TC_STRING = 0x74;

    private LegacyTaskEntry() {
    }

    static String parse(byte[] bytes) throws InvalidModelFileException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (in.readShort() != STREAM_MAGIC || in.readShort() != STREAM_VERSION) {
                throw bad("it is not a Java serialization stream");
            }
            byte type = in.readByte();
            if (type != TC_STRING) {
                throw bad(String.format("it holds a serialized Java object (type code 0x%02x), not a string;"
                        + " it is not deserialized, since that could run code", type));
            }
            String task = in.readUTF();
            if (in.available() > 0) {
                throw bad("it has " + in.available() + " bytes after the task name");
            }
            return task;
        } catch (InvalidModelFileException e) {
            throw e;
        } catch (IOException e) {
            throw bad("it is truncated");
        }
    }

    private static InvalidModelFileException bad(String problem) {
        return new InvalidModelFileException("entry " + ModelEntries.LEGACY_TASK + " is refused: " + problem);
    }
}
