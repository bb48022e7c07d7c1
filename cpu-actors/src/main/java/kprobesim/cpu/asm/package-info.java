/**
 * The assembler: GNU as AT&amp;T syntax for kprobesim's x86-64 subset, producing linked
 * images with a symbol table and an address-to-line table.
 *
 * <p>Entry point: {@link kprobesim.cpu.asm.Assembler#assemble}. Stages, one class each:
 * {@code SourceSplitter} (comments, separators) &rarr; {@code SourceParser} (labels, directives,
 * instructions, with {@code ExprParser} and {@code OperandParser}) &rarr; {@code Layout}
 * (branch relaxation to a fixed point, section bases) &rarr; emission in {@code Assembler}.
 * Encodings come from {@link kprobesim.cpu.isa.OpcodeTable}, the opcode table the decoder also
 * uses; {@code InstructionEncoder} only adds GNU as's preference order among the rows that fit.
 *
 * <p>Invariants:
 * <ul>
 *   <li>Same bytes as {@code as --64} for the same source (tests compare with binutils).</li>
 *   <li>An encoding is chosen from what is known when its line is read: a constant (a number,
 *       an earlier {@code .set}, a difference of labels in one fixed-size stretch) may get a
 *       short form, anything else the 32-bit form. Only jmp/jcc sizes change after parsing,
 *       and they only grow.</li>
 *   <li>Bad input never throws out of {@code assemble}: each bad statement becomes one
 *       {@link kprobesim.cpu.asm.AsmError} with its line. {@code AsmFailure} is the internal
 *       carrier and does not escape.</li>
 *   <li>Not thread-safe per call, but {@code assemble} keeps no shared state, so concurrent
 *       calls are independent. Not on any hot path.</li>
 * </ul>
 */
package kprobesim.cpu.asm;
