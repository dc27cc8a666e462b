package io.fixbridge.gateway.journal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a segment file line by line, as raw bytes, with each line's position. Not thread-safe;
 * one reader per file, closed by its user.
 */
final class SegmentReader implements AutoCloseable {
    private final InputStream in;
    private byte[] buf = new byte[4096];
    private int length;
    private long offset;
    private long nextOffset;
    private long lineNumber;
    private boolean terminated;

    SegmentReader(Path file) throws IOException {
        this.in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    }

    /** Reads the next line; false at the end of the file. */
    boolean next() throws IOException {
        length = 0;
        offset = nextOffset;
        terminated = false;
        int b;
        while ((b = in.read()) != -1) {
            nextOffset++;
            if (b == '\n') {
                terminated = true;
                break;
            }
            if (length == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            buf[length++] = (byte) b;
        }
        if (!terminated && length == 0) {
            return false;
        }
        lineNumber++;
        return true;
    }

    /** The line's bytes, without the newline; valid up to {@link #length()} until the next call. */
    byte[] bytes() { return buf; }
    int length() { return length; }
    /** Byte offset of the line's start in the file. */
    long offset() { return offset; }
    /** Byte offset just after the line (and its newline). */
    long end() { return nextOffset; }
    /** 1-based line number. */
    long lineNumber() { return lineNumber; }
    /** Whether the line ended with a newline (a line without one was cut short). */
    boolean terminated() { return terminated; }

    /** Whether another line follows this one. */
    boolean atEnd() throws IOException {
        in.mark(1);
        int b = in.read();
        in.reset();
        return b == -1;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
