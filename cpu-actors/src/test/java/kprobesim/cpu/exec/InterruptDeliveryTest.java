package kprobesim.cpu.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import kprobesim.cpu.exec.InterruptDelivery.Outcome;
import kprobesim.cpu.exec.InterruptDelivery.Source;
import kprobesim.cpu.exec.RunResult.Stop;
import kprobesim.cpu.isa.Flags;
import kprobesim.cpu.isa.Reg;
import org.junit.jupiter.api.Test;

/**
 * delivery tier: exceptions and interrupts go through the IDT in memory with the 64-bit frame,
 * error codes, CR2, IF/TF handling per gate type, stack switches, #DF and triple fault.
 * Each handler is a bare {@code hlt}, so the frame is at RSP when the run stops.
 */
class InterruptDeliveryTest {
    private static final long IF = Flags.IF;

    /** Frame without error code: RIP, CS, RFLAGS, RSP, SS. */
    private static void assertFrame(DeliveryRig m, long rip, int cs, long rsp, int ss) {
        assertEquals(rip, m.frame(0), "saved rip");
        assertEquals(cs, m.frame(1), "saved cs");
        assertEquals(rsp, m.frame(3), "saved rsp");
        assertEquals(ss, m.frame(4), "saved ss");
    }

    @Test
    void gatePacksLikeLinuxPackGate() {
        GateDescriptor g = GateDescriptor.pack(GateDescriptor.INTERRUPT_GATE, 0xffffffff8136f6f0L, 0, 0, 0x10);
        // offset_low=f6f0 segment=0010 ist=00 type/dpl/p=8e offset_middle=8136 offset_high=ffffffff reserved=0
        assertArrayEquals(new byte[] {(byte) 0xf0, (byte) 0xf6, 0x10, 0x00, 0x00, (byte) 0x8e, 0x36, (byte) 0x81,
                (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0, 0, 0, 0}, g.bytes());
        assertEquals(g, GateDescriptor.unpack(g.low(), g.high()));
        GateDescriptor t = GateDescriptor.pack(GateDescriptor.TRAP_GATE, 0x1234_5678_9abc_def0L, 3, 5, 0x33);
        assertEquals(t, GateDescriptor.unpack(t.low(), t.high()));
        assertEquals(0xefL, (t.low() >>> 40) & 0xff, "P=1 DPL=3 type=F");
        assertEquals(5, (t.low() >>> 32) & 7, "IST");
    }

    @Test
    void divideErrorSavesFaultingRipWithoutErrorCode() {
        DeliveryRig m = new DeliveryRig("xor %ecx,%ecx\nfault: div %ecx\nhlt\nh0: hlt\n").interruptGate(0, "h0");
        assertEquals(Stop.HLT, m.run());
        assertEquals(m.sym("h0") + 1, m.core.rip());
        assertFrame(m, m.sym("fault"), 0x10, DeliveryRig.KSTACK_TOP, 0x18);
        assertEquals(DeliveryRig.KSTACK_TOP - 40, m.core.reg(Reg.RSP), "five quadwords, no error code");
        assertEquals(0, m.lastDelivery.errorCode());
    }

    @Test
    void int3SavesRipAfterTheBreakpointByte() {
        DeliveryRig m = new DeliveryRig("nop\nint3\nafter: hlt\nh3: hlt\n").trapGate(3, "h3", 3);
        assertEquals(Stop.HLT, m.run());
        assertEquals(m.sym("after"), m.frame(0), "rip after the 0xCC");
        assertEquals(m.sym("h3") + 1, m.core.rip());
    }

    @Test
    void invalidOpcodeSavesTheUd2Address() {
        DeliveryRig m = new DeliveryRig("nop\nbad: ud2\nh6: hlt\n").interruptGate(6, "h6");
        assertEquals(Stop.HLT, m.run());
        assertEquals(m.sym("bad"), m.frame(0));
    }

    @Test
    void singleStepTrapsAfterTheNextInstructionAndClearsTf() {
        DeliveryRig m = new DeliveryRig(String.join("\n",
                "pushfq", "orq $0x100,(%rsp)", "popfq", "first: nop", "second: nop", "hlt", "h1: pushfq", "hlt", ""))
                .interruptGate(1, "h1");
        assertEquals(Stop.HLT, m.run());
        assertEquals(m.sym("second"), m.frame(1), "frame (above the handler's pushf): rip of the next instruction");
        assertTrue((m.frame(3) & Flags.TF) != 0, "saved RFLAGS has TF");
        assertEquals(0, m.frame(0) & Flags.TF, "handler runs with TF clear");
        assertEquals(0, m.core.rflags() & Flags.TF);
    }

    @Test
    void pageFaultPushesErrorCodeAndSetsCr2() {
        DeliveryRig m = new DeliveryRig("movabs $0xdead000,%rbx\nbad: movq $1,(%rbx)\nh14: hlt\n")
                .interruptGate(14, "h14");
        assertEquals(Stop.HLT, m.run());
        assertEquals(CpuException.PF_WRITE, m.frame(0), "error code: write to a not-present page, ring 0");
        assertEquals(m.sym("bad"), m.frame(1));
        assertEquals(0x10, m.frame(2));
        assertEquals(0xdead000L, m.core.cr2());
        assertEquals(DeliveryRig.KSTACK_TOP - 48, m.core.reg(Reg.RSP), "six quadwords with the error code");
    }

    @Test
    void interruptGateClearsIfTrapGateKeepsIt() {
        String src = "sti\nint $0x40\nhlt\nh: pushfq\npop %rax\nhlt\n";
        DeliveryRig a = new DeliveryRig(src).interruptGate(0x40, "h");
        assertEquals(Stop.HLT, a.run());
        assertEquals(0, a.core.reg(Reg.RAX) & IF, "interrupt gate clears IF");
        assertTrue((a.frame(2) & IF) != 0, "saved RFLAGS keeps IF");
        DeliveryRig b = new DeliveryRig(src).trapGate(0x40, "h", 0);
        assertEquals(Stop.HLT, b.run());
        assertTrue((b.core.reg(Reg.RAX) & IF) != 0, "trap gate keeps IF");
    }

    @Test
    void externalInterruptPushesNoErrorCodeAndIretqResumes() {
        DeliveryRig m = new DeliveryRig("sti\nloop: inc %rbx\njmp loop\nh: inc %rcx\niretq\n").interruptGate(0xef, "h");
        m.core.run(10, X86Core.NO_END);
        long rip = m.core.rip();
        long rsp = m.core.reg(Reg.RSP);
        InterruptDelivery.Result r = InterruptDelivery.deliver(m.core, m.tss, 0xef, 0x1234, Source.EXTERNAL);
        assertTrue(r.delivered());
        assertEquals(m.sym("h"), m.core.rip());
        assertEquals(rip, m.frame(0), "no error code even if one is passed");
        m.core.run(2, X86Core.NO_END); // inc; iretq
        assertEquals(rip, m.core.rip());
        assertEquals(rsp, m.core.reg(Reg.RSP));
        assertEquals(1, m.core.reg(Reg.RCX));
        assertTrue(CoreAccess.interruptsEnabled(m.core), "iretq restored IF");
    }

    private static final String TO_RING3 = String.join("\n",
            "pushq $0x2b", "pushq $0x710000", "pushq $0x202", "pushq $0x33", "pushq $user", "iretq", "");

    @Test
    void ring3FaultSwitchesToRsp0AndIretqReturnsToRing3() {
        DeliveryRig m = new DeliveryRig(TO_RING3 + String.join("\n",
                "user: mov $0xdead000,%ebx",
                "touch: mov (%rbx),%rax",
                "back: mov $7,%ecx",
                "hlt", // privileged in ring 3: #GP(0)
                "h14: pop %rdx", // error code
                "addq $3,(%rsp)", // rip += length of mov (%rbx),%rax
                "iretq",
                "h13: hlt", ""))
                .interruptGate(14, "h14").interruptGate(13, "h13");
        m.tss.setRsp0(DeliveryRig.KSTACK_TOP - 0x800);
        assertEquals(Stop.HLT, m.run());
        assertEquals(CpuException.PF_USER, m.core.reg(Reg.RDX), "read of a not-present page from ring 3");
        assertEquals(7, m.core.reg(Reg.RCX), "iretq returned to ring 3 and the user code went on");
        // the #GP from ring 3: frame on RSP0 (aligned), saved CS/SS are the user selectors
        assertEquals(DeliveryRig.KSTACK_TOP - 0x800 - 48, m.core.reg(Reg.RSP));
        assertEquals(0, m.frame(0), "#GP(0)");
        assertEquals(m.sym("back") + 5, m.frame(1), "rip of the hlt");
        assertEquals(GateDescriptor.USER_CS, m.frame(2));
        assertEquals(DeliveryRig.USTACK_TOP, m.frame(4), "user rsp");
        assertEquals(GateDescriptor.USER_DS, m.frame(5));
        assertEquals(0, m.core.cpl());
        assertEquals(0x10, CoreAccess.cs(m.core));
    }

    @Test
    void intNFromRing3NeedsGateDplThree() {
        DeliveryRig denied = new DeliveryRig(TO_RING3 + "user: int $0x80\nhlt\nh13: hlt\nh80: hlt\n")
                .interruptGate(13, "h13").interruptGate(0x80, "h80");
        assertEquals(Stop.HLT, denied.run());
        assertEquals(denied.sym("h13") + 1, denied.core.rip());
        assertEquals(0x80 * 8 + 2, denied.frame(0), "#GP(vector*8+2), EXT clear for int n");
        DeliveryRig allowed = new DeliveryRig(TO_RING3 + "user: int $0x80\nhlt\nh13: hlt\nh80: hlt\n")
                .interruptGate(13, "h13").trapGate(0x80, "h80", 3);
        assertEquals(Stop.HLT, allowed.run());
        assertEquals(allowed.sym("h80") + 1, allowed.core.rip());
        assertEquals(3, allowed.frame(1) & 3, "came from ring 3");
    }

    @Test
    void vectorBeyondIdtLimitIsGeneralProtectionWithIdtBit() {
        DeliveryRig m = new DeliveryRig("int $0x40\nh13: hlt\n").interruptGate(13, "h13");
        m.core.setIdtr(DeliveryRig.IDT, 14 * 16 - 1); // vectors 0..13 only
        assertEquals(Stop.HLT, m.run());
        assertEquals(m.sym("h13") + 1, m.core.rip());
        assertEquals(0x40 * 8 + 2, m.frame(0), "#GP(vector*8+2): IDT bit, EXT clear for int n");
        InterruptDelivery.Result r = InterruptDelivery.deliver(m.core, m.tss, 0xef, 0, Source.EXTERNAL);
        assertEquals(new InterruptDelivery.Result(Outcome.DELIVERED, 13, 0xef * 8 + 3, 2), r);
        assertEquals(0xef * 8 + 3, m.frame(0), "EXT set for an external interrupt");
    }

    @Test
    void notPresentGateIsSegmentNotPresent() {
        DeliveryRig m = new DeliveryRig("nop\nud2\nh11: hlt\nh13: hlt\n").interruptGate(11, "h11")
                .interruptGate(13, "h13");
        m.gate(6, new GateDescriptor(m.sym("h13"), 0x10, 0, GateDescriptor.INTERRUPT_GATE, 0, false));
        assertEquals(Stop.HLT, m.run());
        assertEquals(m.sym("h11") + 1, m.core.rip(), "#UD with a missing gate 6 becomes #NP (vector 11)");
        assertEquals(6 * 8 + 3, m.frame(0));
        assertEquals(2, m.lastDelivery.chain());
    }

    private static final String BAD_STACK_FAULT = "mov $0xbad000,%esp\nmov (%rsp),%rax\nhlt\nh: hlt\ndf: hlt\n";

    @Test
    void faultWhilePushingAPageFaultFrameIsADoubleFaultOnTheIstStack() {
        DeliveryRig m = new DeliveryRig(BAD_STACK_FAULT).interruptGate(14, "h")
                .gate(8, GateDescriptor.pack(GateDescriptor.INTERRUPT_GATE, 0, 0, 1, 0x10));
        m.gate(8, GateDescriptor.pack(GateDescriptor.INTERRUPT_GATE, m.sym("df"), 0, 1, 0x10));
        assertEquals(Stop.HLT, m.run());
        assertEquals(m.sym("df") + 1, m.core.rip());
        assertEquals(8, m.lastDelivery.vector());
        assertEquals(DeliveryRig.IST_TOP - 48, m.core.reg(Reg.RSP), "IST1 stack");
        assertEquals(0, m.frame(0), "#DF error code is 0");
        assertEquals(0xbacff8L, m.core.cr2(), "CR2 = the push that faulted");
    }

    @Test
    void faultWhileDeliveringADoubleFaultIsATripleFault() {
        DeliveryRig m = new DeliveryRig(BAD_STACK_FAULT).interruptGate(14, "h").interruptGate(8, "df");
        assertEquals(Stop.EXCEPTION, m.run());
        assertEquals(Outcome.TRIPLE_FAULT, m.lastDelivery.outcome());
        assertEquals(2, m.lastDelivery.chain(), "#PF failed, then #DF failed: shutdown");
        assertEquals(0xbad000L, m.core.reg(Reg.RSP), "nothing committed");
    }

    @Test
    void zeroedGateIsGeneralProtection() {
        DeliveryRig m = new DeliveryRig("nop\nud2\nh13: hlt\n").interruptGate(13, "h13");
        assertEquals(Stop.HLT, m.run());
        assertEquals(6 * 8 + 3, m.frame(0), "type 0 is not a 64-bit gate: #GP(vector*8+2+EXT)");
    }

    @Test
    void emptyIdtTripleFaultsOnAnyException() {
        DeliveryRig m = new DeliveryRig("ud2\n");
        m.core.setIdtr(0, 0);
        assertEquals(Stop.EXCEPTION, m.run());
        assertFalse(m.lastDelivery.delivered());
    }
}
