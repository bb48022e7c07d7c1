/**
 * The disassembler: {@link kprobesim.cpu.isa.Instruction}s to AT&amp;T text in the style of
 * binutils 2.40 {@code objdump -d}, instruction by instruction or as a full listing.
 *
 * <p>Threading model: pure and stateless; every method reads only its arguments, so it may be
 * called from any thread. Used for listings, oops messages and tests, never on the execution
 * hot path (it allocates strings freely).
 *
 * <p>Invariant: the text depends only on the instruction (including the encoding details the
 * decoder records: unused prefixes, displacement width, SIB) and its address; the oracle tier
 * checks it against the real {@code objdump -d}.
 */
package kprobesim.cpu.disasm;
