package io.fixbridge.bench.load;

/**
 * Samples a process's resident set and CPU time every 50 ms on a daemon thread: keeps the largest
 * resident set and the last CPU time seen (so a process that ends by itself is still measured).
 * <b>Threading:</b> getters from any thread. <b>Errors:</b> a process that ended stops the sampling.
 */
final class ProcessSampler implements AutoCloseable {
    private final long pid;
    private final Thread thread;
    private final long startNanos = System.nanoTime();
    private final double startCpu;
    private volatile long peak;
    private volatile double lastCpu;
    private volatile long lastNanos = System.nanoTime();
    private volatile boolean running = true;

    ProcessSampler(long pid) {
        this.pid = pid;
        this.peak = ProcStats.rssBytes(pid);
        this.startCpu = ProcStats.cpuSeconds(pid);
        this.lastCpu = startCpu;
        this.thread = new Thread(this::loop, "bench-sampler-" + pid);
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            try {
                peak = Math.max(peak, ProcStats.rssBytes(pid));
                lastCpu = ProcStats.cpuSeconds(pid);
                lastNanos = System.nanoTime();
                Thread.sleep(50);
            } catch (IllegalStateException | InterruptedException e) {
                return; // the process ended, or the sampler was closed
            }
        }
    }

    /** The largest resident set seen, in MB. */
    double peakMb() {
        return peak / (1024.0 * 1024.0);
    }

    /** CPU used since the sampler started, in cores (CPU seconds per second). */
    double cores() {
        double seconds = (lastNanos - startNanos) / 1e9;
        return seconds <= 0 ? 0 : (lastCpu - startCpu) / seconds;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
