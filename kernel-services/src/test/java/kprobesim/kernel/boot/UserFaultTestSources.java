package kprobesim.kernel.boot;

/** Small user programs shared by the tests. */
final class UserFaultTestSources {
    private UserFaultTestSources() {}

    /** Divides by zero after touching its stack. */
    static final String TEST1 = """
            	.text
            	.globl _start
            _start:
            	push %rbp
            	mov %rsp, %rbp
            	xor %edx, %edx
            	mov $10, %eax
            	xor %ecx, %ecx
            	div %ecx
            """;
}
