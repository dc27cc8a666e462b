package io.fixbridge.gateway.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Opens a segment file for writing. The seam through which tests put a {@link FileChannel} that
 * counts forces or fails like a full disk; production uses {@link #DEFAULT}. Called on the
 * writer's thread; may throw any {@link IOException}.
 */
@FunctionalInterface
public interface ChannelOpener {
    /** Creates the file if it does not exist; opens it for reading and writing. */
    ChannelOpener DEFAULT = path -> FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
            StandardOpenOption.WRITE);

    FileChannel open(Path segment) throws IOException;
}
