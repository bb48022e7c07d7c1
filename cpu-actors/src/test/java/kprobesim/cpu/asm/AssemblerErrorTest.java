package kprobesim.cpu.asm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Bad input becomes exactly one error value with the right line; nothing is thrown. */
class AssemblerErrorTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        unknown mnemonic           | frobnicate %eax                 | no such instruction: `frobnicate'
        suffix/register mismatch   | movl %rax, %ebx                 | incorrect register `%rax' used with `l' suffix
        operand size mismatch      | mov %eax, %bx                   | operand size mismatch for `mov'
        operand type mismatch      | lea %eax, %ebx                  | operand type mismatch for `lea'
        no size                    | inc (%rax)                      | no instruction mnemonic suffix given
        bad register               | mov %eaxx, %ebx                 | bad register name `%eaxx'
        undefined symbol           | mov nowhere, %eax               | undefined symbol `nowhere'
        undefined branch target    | jmp nowhere                     | undefined symbol `nowhere'
        undefined local label      | jmp 1b                          | undefined local label `1b'
        immediate out of range     | add $0x100000000, %eax          | out of range
        byte immediate too big     | movb $0x100, %al                | out of range
        data value too big         | .byte 0x100                     | does not fit in 1 byte
        bad directive              | .frob 1                         | unknown pseudo-op: `.frob'
        intel syntax               | .intel_syntax noprefix          | Intel syntax is not supported
        bad expression             | mov $(1 + ), %eax               | bad expression
        unbalanced parenthesis     | mov $(1 + 2, %eax               | expected `)'
        division by zero           | .long 1 / 0                     | division by zero
        bad number                 | mov $0x12g, %eax                | bad number
        bad scale                  | mov (%rax,%rbx,3), %eax         | scale factor
        rsp as index               | mov (%rax,%rsp,2), %eax         | not a valid base/index expression
        high byte with rex         | mov %ah, %sil                   | can't encode register `%ah'
        junk after operand         | mov %eax, %ebx %ecx             | junk at end of line
        non-power-of-2 align       | .align 3                        | alignment not a power of 2
        string expected            | .ascii foo                      | expected string
        32-bit push                | push %eax                       | operand type mismatch for `push'
        32-bit indirect call       | call *%eax                      | operand type mismatch for `call'
        data16 twice               | data16 xchg %ax, %ax            | same type of prefix used twice
        movabs imm to eax          | movabs $1, %eax                 | operand type mismatch for `movabs'
        disp out of range          | mov 0x80000000(%rax), %eax      | out of range of signed 32bit displacement
        indirect non-branch        | add *%eax, %ebx                 | only valid with jmp and call
        endif without if           | .endif                          | .endif without matching .if
        endr without rept          | .endr                           | .endr without .rept
        rept without endr          | .rept 3                         | .rept without .endr
        bss data                   | .bss; .byte 1; .text            | attempt to store non-zero value
        """)
    void oneErrorWithItsLine(String what, String statement, String message) {
        String source = "\t.text\nstart:\tnop\n\t" + statement + "\n\tret\n";
        AssemblyResult r = Assembler.assemble(source, "bad.S", 0x1000);
        assertFalse(r.ok(), what + ": accepted");
        List<AsmError> errors = r.errors();
        assertEquals(1, errors.size(), what + ": " + errors);
        AsmError e = errors.get(0);
        assertEquals(3, e.line(), what + ": " + e);
        assertEquals("bad.S", e.file());
        assertTrue(e.message().contains(message), what + ": message was `" + e.message() + "'");
        assertTrue(e.format().startsWith("bad.S:3: error: "), e.format());
    }

    @Test
    void pathologicalNestingIsAnErrorNotAStackOverflow() {
        String deep = "(".repeat(100_000) + "1" + ")".repeat(100_000);
        AssemblyResult r = Assembler.assemble("\t.long " + deep + "\n\t.long " + "-".repeat(100_000) + "1\n", "deep.S", 0);
        assertEquals(List.of(1, 2), r.errors().stream().map(AsmError::line).toList());
        StringBuilder chain = new StringBuilder("\t.long s0\n");
        for (int i = 0; i < 1000; i++) {
            chain.append("\t.set s").append(i).append(", s").append(i + 1).append(" + 1\n");
        }
        chain.append("\t.set s1000, .\n");
        AssemblyResult c = Assembler.assemble(chain.toString(), "chain.S", 0);
        assertFalse(c.ok());
        assertEquals(1, c.errors().get(0).line());
        assertTrue(c.errors().stream().allMatch(e -> e.message().contains("too many")), c.errors().get(0).message());
    }

    @Test
    void unterminatedConditionalIsReported() {
        AssemblyResult r = Assembler.assemble("\t.if 1\n\tnop\n", "if.S", 0);
        assertEquals(1, r.errors().size());
        assertTrue(r.errors().get(0).message().contains("missing .endif"), r.errors().toString());
    }

    @Test
    void duplicateLabelIsReportedAtTheSecondDefinition() {
        AssemblyResult r = Assembler.assemble("a:\tnop\n\tnop\na:\tret\n", "dup.S", 0);
        assertEquals(List.of(new AsmError("dup.S", 3, 0, "symbol `a' is already defined")), r.errors());
    }

    @Test
    void everyBadStatementIsReportedNotJustTheFirst() {
        AssemblyResult r = Assembler.assemble("\tfoo\n\tnop\n\tbar %eax\n\tmovl %rax, %ebx\n", "many.S", 0);
        assertEquals(List.of(2 - 1, 3, 4), r.errors().stream().map(AsmError::line).toList());
    }

    @Test
    void lineNumbersSurviveMultiLineCommentsAndSemicolons() {
        String src = "/* one\n two\n three */ nop\n\tnop; nop; bogus\n";
        AssemblyResult r = Assembler.assemble(src, "c.S", 0);
        assertEquals(1, r.errors().size());
        assertEquals(4, r.errors().get(0).line());
    }
}
