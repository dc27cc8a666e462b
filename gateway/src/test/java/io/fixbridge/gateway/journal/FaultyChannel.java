package io.fixbridge.gateway.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real {@link FileChannel} with switches: counts forces, and can fail writes the way the JDK
 * reports a full disk (some bytes written, then {@code IOException("No space left on device")}),
 * fail forces, or hold a write until released. The switches are shared by every channel one
 * {@link Switches} opens, so they survive a reopen.
 */
final class FaultyChannel extends FileChannel {

    /** The switches, and a {@link ChannelOpener} that wraps each opened segment. */
    static final class Switches implements ChannelOpener {
        final AtomicInteger forces = new AtomicInteger();
        final AtomicInteger writes = new AtomicInteger();
        final AtomicBoolean diskFull = new AtomicBoolean();
        final AtomicBoolean forceFails = new AtomicBoolean();
        volatile CountDownLatch holdWrites;
        final CountDownLatch writeHeld = new CountDownLatch(1);

        @Override
        public FileChannel open(Path segment) throws IOException {
            return new FaultyChannel(ChannelOpener.DEFAULT.open(segment), this);
        }
    }

    private final FileChannel real;
    private final Switches switches;

    private FaultyChannel(FileChannel real, Switches switches) {
        this.real = real;
        this.switches = switches;
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        CountDownLatch hold = switches.holdWrites;
        if (hold != null) {
            switches.writeHeld.countDown();
            try {
                hold.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        switches.writes.incrementAndGet();
        if (switches.diskFull.get()) {
            // the JDK writes what fits, then the next write(2) fails with ENOSPC
            ByteBuffer half = src.duplicate();
            half.limit(src.position() + Math.max(1, src.remaining() / 2));
            int n = real.write(half, position);
            src.position(src.position() + n);
            throw new IOException("No space left on device");
        }
        return real.write(src, position);
    }

    @Override
    public void force(boolean metaData) throws IOException {
        switches.forces.incrementAndGet();
        if (switches.forceFails.get()) {
            throw new IOException("Input/output error");
        }
        real.force(metaData);
    }

    @Override public int read(ByteBuffer dst) throws IOException { return real.read(dst); }
    @Override public long read(ByteBuffer[] dsts, int offset, int length) throws IOException { return real.read(dsts, offset, length); }
    @Override public int write(ByteBuffer src) throws IOException { return write(src, real.position()); }
    @Override public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        throw new UnsupportedOperationException("the journal writes one buffer at a time");
    }
    @Override public long position() throws IOException { return real.position(); }
    @Override public FileChannel position(long newPosition) throws IOException { real.position(newPosition); return this; }
    @Override public long size() throws IOException { return real.size(); }
    @Override public FileChannel truncate(long size) throws IOException { real.truncate(size); return this; }
    @Override public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        return real.transferTo(position, count, target);
    }
    @Override public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
        return real.transferFrom(src, position, count);
    }
    @Override public int read(ByteBuffer dst, long position) throws IOException { return real.read(dst, position); }
    @Override public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        return real.map(mode, position, size);
    }
    @Override public FileLock lock(long position, long size, boolean shared) throws IOException {
        return real.lock(position, size, shared);
    }
    @Override public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        return real.tryLock(position, size, shared);
    }
    @Override protected void implCloseChannel() throws IOException { real.close(); }
}
