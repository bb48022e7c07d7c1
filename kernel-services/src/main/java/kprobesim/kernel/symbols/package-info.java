/**
 * kallsyms, addr2line and the kprobe blacklist of the simulated kernel, built from the
 * assembler's {@link kprobesim.cpu.asm.ObjectImage}s.
 *
 * <p>Entry point: {@link kprobesim.kernel.symbols.KernelSymbols#of}. Formats follow Linux:
 * {@code /proc/kallsyms} lines {@code ffffffff81000000 T do_fork}, {@code %pS} descriptions
 * {@code do_fork+0x1f/0x120} (size = distance to the next symbol, as kallsyms computes it),
 * addr2line {@code file.S:line}, debugfs blacklist lines {@code 0x...-0x...\tsym}.
 * The blacklist mechanism is described on {@link kprobesim.kernel.symbols.KernelSymbols}.
 *
 * <p>Threading model: built once, then immutable; every query is safe from any thread and
 * allocation-light ({@code lookup} is a binary search).
 */
package kprobesim.kernel.symbols;
