package io.fixbridge.gateway.harness;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The gateway under test as a process: {@code fixbridge run --config <work>/gateway.yaml}, each
 * incarnation logging to {@code <work>/gateway-<n>.log}. {@link #kill} is SIGKILL; a gateway that
 * ends by itself is noticed by {@link #restartIfDead} and started again, and the harness reports it.
 *
 * <p><b>Threading:</b> for the harness's driver thread only. <b>Errors:</b> {@link HarnessFailure}
 * when a process cannot be started.
 */
final class GatewayProcess {
    private final ChildProcesses processes;
    private final Path config;
    private final Path work;
    private final List<String> unexpectedExits = new ArrayList<>();
    private Process process;
    private static final int MAX_EXITS_IN_A_ROW = 3;

    private int incarnation;
    private int exitsInARow;

    GatewayProcess(ChildProcesses processes, Path config, Path work) {
        this.processes = processes;
        this.config = config;
        this.work = work;
    }

    /** Starts a new incarnation. */
    void start() {
        incarnation++;
        process = processes.start(List.of("run", "--config", config.toString()), log());
    }

    /** SIGKILLs the running incarnation and waits until it is gone. */
    void kill() throws InterruptedException {
        processes.kill(process);
    }

    /**
     * If the gateway ended without being killed, notes it and starts it again; returns whether it did.
     *
     * @throws HarnessFailure it ended by itself {@link #MAX_EXITS_IN_A_ROW} times without taking a logon in between:
     *                        it cannot start, and restarting it again would only repeat that
     */
    boolean restartIfDead() {
        if (process.isAlive()) {
            return false;
        }
        if (++exitsInARow >= MAX_EXITS_IN_A_ROW) {
            throw new HarnessFailure("the gateway ended by itself " + exitsInARow + " times in a row without taking a logon; "
                    + "last lines of " + log() + ":\n" + ChildProcesses.tail(log(), 15));
        }
        unexpectedExits.add("gateway incarnation " + incarnation + " (pid " + process.pid() + ") ended by itself with exit code "
                + process.exitValue() + "; last lines of " + log() + ":\n" + ChildProcesses.tail(log(), 8));
        start();
        return true;
    }

    /** The OMS is logged on to the running incarnation: it started. */
    void tookLogon() {
        exitsInARow = 0;
    }

    /** The log of the running incarnation. */
    Path log() {
        return work.resolve("gateway-" + incarnation + ".log");
    }

    int incarnation() {
        return incarnation;
    }

    /** What ended without being killed. */
    List<String> unexpectedExits() {
        return List.copyOf(unexpectedExits);
    }
}
