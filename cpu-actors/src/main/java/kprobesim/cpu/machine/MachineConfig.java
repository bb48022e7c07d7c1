package kprobesim.cpu.machine;

import java.time.Duration;
import kprobesim.cpu.actor.ExecutionMode;

/**
 * How to build a {@link Machine}. Defaults ({@link #of}): quantum 1000 instructions, timer off,
 * budget 10,000,000 instructions per CPU, SMP timeout 5 s (parallel) / 2000 rounds (deterministic).
 *
 * @param quantum          instructions per slice (parallel) or per CPU per round (deterministic)
 * @param timerEvery       local timer (vector 0xEF) every this many instructions of virtual time; 0 = off
 * @param budget           instructions each CPU retires at most
 * @param smpTimeout       wait limit of a broadcast with wait in parallel mode
 * @param smpTimeoutRounds wait limit of a broadcast with wait in deterministic mode
 */
public record MachineConfig(int cpus, ExecutionMode mode, long seed, long quantum, long timerEvery, long budget,
        Duration smpTimeout, long smpTimeoutRounds) {

    public static final long DEFAULT_QUANTUM = 1000;
    public static final long DEFAULT_BUDGET = 10_000_000;

    public MachineConfig {
        if (cpus < 1 || cpus > 65536) {
            throw new IllegalArgumentException("cpus must be 1..65536: " + cpus);
        }
        if (quantum < 1 || timerEvery < 0 || budget < 0 || smpTimeoutRounds < 1) {
            throw new IllegalArgumentException("quantum=" + quantum + " timerEvery=" + timerEvery + " budget=" + budget);
        }
    }

    public static MachineConfig of(int cpus, ExecutionMode mode, long seed) {
        return new MachineConfig(cpus, mode, seed, DEFAULT_QUANTUM, 0, DEFAULT_BUDGET, Duration.ofSeconds(5), 2000);
    }

    public MachineConfig withQuantum(long q) {
        return new MachineConfig(cpus, mode, seed, q, timerEvery, budget, smpTimeout, smpTimeoutRounds);
    }

    public MachineConfig withTimerEvery(long t) {
        return new MachineConfig(cpus, mode, seed, quantum, t, budget, smpTimeout, smpTimeoutRounds);
    }

    public MachineConfig withBudget(long b) {
        return new MachineConfig(cpus, mode, seed, quantum, timerEvery, b, smpTimeout, smpTimeoutRounds);
    }

    public MachineConfig withSmpTimeout(Duration wall, long rounds) {
        return new MachineConfig(cpus, mode, seed, quantum, timerEvery, budget, wall, rounds);
    }
}
