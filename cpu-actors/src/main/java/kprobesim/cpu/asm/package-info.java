/**
 * The assembler: GNU as AT&amp;T syntax for kprobesim's x86-64 subset, producing linked
 * images with a symbol table and an address-to-line table (for kallsyms and addr2line).
 *
 * <p>Entry point: {@link kprobesim.cpu.asm.Assembler#assemble} (one source, or several
 * {@link kprobesim.cpu.asm.SourceFile}s linked together as {@code ld} would), returning an
 * {@link kprobesim.cpu.asm.AssemblyResult}: an {@link kprobesim.cpu.asm.ObjectImage} or a list
 * of {@link kprobesim.cpu.asm.AsmError}s. Stages, one class each:
 * <pre>
 *   SourceSplitter   comments (# and slash-star), ';' and newlines, strings left intact
 *   SourceParser     labels, directives, prefixes, instructions (ExprParser, OperandParser,
 *                    StringLiteral, Mnemonic); decides encodings the way GNU as does on reading
 *   InstructionEncoder / AddressingEncoder
 *                    bytes from the rows of kprobesim.cpu.isa.OpcodeTable (the decoder's table)
 *                    in GNU as's order of preference; ModRM/SIB/displacement
 *   Layout           GNU as's relax_segment (frags, regions, stretch) for jmp/jcc, then
 *                    output sections (LinkedSection): .text at the given base, others
 *                    page-aligned after it, each file's part at its own alignment
 *   Assembler        emission with final addresses (it is also the linker), line table
 * </pre>
 *
 * <p>Invariants:
 * <ul>
 *   <li>Same bytes as {@code as --64} (+ {@code ld} at the same addresses) for the same source;
 *       the oracle tests compare every section with binutils.</li>
 *   <li>An encoding is chosen from what is known when its line is read: a constant (a number,
 *       an earlier {@code .set}, {@code sym-sym}, a difference of labels in one frag) may get a
 *       short form, anything else the 32-bit form. Only jmp/jcc sizes change after parsing,
 *       and they only grow.</li>
 *   <li>Bad input never throws out of {@code assemble}: each bad statement becomes one
 *       {@link kprobesim.cpu.asm.AsmError} with its line. {@code AsmFailure} is the internal
 *       carrier and does not escape; an {@code IllegalStateException} would be a bug.</li>
 *   <li>Threading: one {@code assemble} call is confined to its thread and shares no mutable
 *       state with others (the only static state, the encoder's candidate-row cache, is a
 *       concurrent map of immutable lists), so concurrent calls are independent. Results are
 *       immutable. Not on any hot path; 10,000 lines take well under a second.</li>
 * </ul>
 */
package kprobesim.cpu.asm;
