/**
 * The machine facade: {@link kprobesim.cpu.machine.Machine} builds physical memory, the CPU
 * actors and the clock inside a given actor system; {@link kprobesim.cpu.machine.ProgramLoader}
 * lays a program out the way {@code kprobesim machine run} does (kernel base, per-CPU stacks and
 * areas); {@link kprobesim.cpu.machine.RunDigest} hashes registers and memory so that two
 * deterministic runs can be compared bit for bit. Blocking helpers ({@code run},
 * {@code snapshotsNow}) are for CLIs, harnesses and tests, never for actors.
 */
package kprobesim.cpu.machine;
