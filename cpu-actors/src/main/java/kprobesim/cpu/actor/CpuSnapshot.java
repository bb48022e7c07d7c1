package kprobesim.cpu.actor;

import kprobesim.cpu.exec.CoreRegisters;

/**
 * An immutable picture of one CPU taken at a slice boundary (tools, tests, the run digest).
 *
 * @param instructions guest instructions retired
 * @param interrupts   events delivered through the IDT (exceptions, int n, external interrupts, NMIs)
 * @param ipis         IPIs handled: call-function / IDT load / sync-core / TLB-flush requests and
 *                     interrupt vectors sent by other CPUs
 * @param fault        the exception that triple-faulted this CPU, else null
 */
public record CpuSnapshot(int cpu, CoreRegisters registers, CpuStatus status, boolean online, boolean parked,
        boolean waiting, long instructions, long interrupts, long ipis, Fault fault) {

    /** The first event of a chain that ended in a triple fault, and the RIP where it happened. */
    public record Fault(int vector, long rip) {}

    public boolean halted() {
        return status == CpuStatus.HALTED || status == CpuStatus.STOPPED;
    }
}
