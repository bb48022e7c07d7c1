package kprobesim.kernel.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import kprobesim.cpu.asm.SourceFile;
import org.junit.jupiter.api.Test;

class UserProgramTest {
    @Test
    void textAndStartAt0x400000AndLinesForAddr2line() {
        UserProgram.Result r = UserProgram.assemble(new SourceFile("test1.S",
                "\t.globl _start\n_start:\n\tmov $10, %eax\n\tcltd\n\txor %ecx, %ecx\n\tidiv %ecx\n"));
        UserProgram p = ((UserProgram.Result.Ok) r).program();
        assertEquals("test1.S", p.name());
        assertEquals(UserProgram.TEXT_BASE, p.image().textBase());
        assertEquals(Optional.of("test1.S:3"), p.addr2line(0x400000));
        assertEquals(Optional.of("test1.S:6"), p.addr2line(0x400008));
        assertEquals(Optional.empty(), p.addr2line(0x40000a));
    }

    @Test
    void startMustBeTheFirstByteOfText() {
        UserProgram.Result missing = UserProgram.assemble(new SourceFile("a.S", "\tnop\n"));
        assertTrue(((UserProgram.Result.Failed) missing).errors().get(0).message().contains("not defined"));
        UserProgram.Result late = UserProgram.assemble(new SourceFile("b.S", "\tnop\n_start:\tret\n"));
        assertTrue(((UserProgram.Result.Failed) late).errors().get(0).message().contains("0x400001"));
        UserProgram.Result bad = UserProgram.assemble(new SourceFile("c.S", "_start:\n\tbogus\n"));
        assertEquals(2, ((UserProgram.Result.Failed) bad).errors().get(0).line());
    }
}
