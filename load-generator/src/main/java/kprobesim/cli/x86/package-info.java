/**
 * {@code kprobesim x86}: the x86-64 core from the command line (asm, disasm, exec, demo), and the
 * exec contract's JSON model ({@link kprobesim.cli.x86.ExecRequest} in,
 * {@link kprobesim.cli.x86.ExecOutcome} out, {@link kprobesim.cli.x86.ExecJson} between them and
 * text). Every run gets a fresh memory and CPU; nothing is shared between runs or threads.
 */
package kprobesim.cli.x86;
